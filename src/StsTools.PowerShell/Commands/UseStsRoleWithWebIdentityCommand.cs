using System;
using System.Linq;
using System.Management.Automation;
using StsTools.PowerShell.Internal;
using StsTools.Model;
using StsTools.Requests;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Assumes a role with an OIDC / OAuth 2.0 token (STS AssumeRoleWithWebIdentity); with no arguments, as EKS and CI platforms configure it.
/// </summary>
[Cmdlet(VerbsOther.Use, "StsRoleWithWebIdentity", SupportsShouldProcess = true, DefaultParameterSetName = TokenSet)]
[OutputType(typeof(AssumeRoleWithWebIdentityResponse))]
public sealed class UseStsRoleWithWebIdentityCommand : StsCmdletBase
{
    /// <summary>The ARN of the role to assume; AWS_ROLE_ARN when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    /// <summary>The session name; AWS_ROLE_SESSION_NAME, else StsModule-&lt;user&gt;, when omitted.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? RoleSessionName { get; set; }

    /// <summary>The parameter set of -WebIdentityToken (or neither: AWS_WEB_IDENTITY_TOKEN_FILE).</summary>
    public const string TokenSet = "Token";
    /// <summary>The parameter set of -WebIdentityTokenFile.</summary>
    public const string TokenFileSet = "TokenFile";

    /// <summary>The token itself; read from AWS_WEB_IDENTITY_TOKEN_FILE when neither it nor -WebIdentityTokenFile is given.</summary>
    [Parameter(ParameterSetName = TokenSet, ValueFromPipeline = true)]
    public string? WebIdentityToken { get; set; }

    /// <summary>A file holding the token (what AWS_WEB_IDENTITY_TOKEN_FILE points at on EKS).</summary>
    [Parameter(ParameterSetName = TokenFileSet, Mandatory = true)]
    public string? WebIdentityTokenFile { get; set; }

    /// <summary>The OAuth 2.0 provider id (Login with Amazon, Facebook); omit for OIDC providers.</summary>
    [Parameter]
    public string? ProviderId { get; set; }

    /// <summary>ARNs of managed policies that further limit the session.</summary>
    [Parameter]
    [Alias("PolicyArns")] // the STS field name
    public string[]? PolicyArn { get; set; }

    /// <summary>An inline session policy (JSON text).</summary>
    [Parameter]
    public string? Policy { get; set; }

    /// <summary>Session length in seconds, 900 to 43200.</summary>
    [Parameter]
    [Alias("DurationInSeconds")] // AWS.Tools' name
    [ValidateRange(900, 43200)]
    public int DurationSeconds { get; set; }

    /// <summary>Also put the new credentials into this session's AWS_* environment variables.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>With -SetEnvironment, also write the result (without it, -SetEnvironment writes nothing).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var sessionName = RoleSessionName ?? Environment.GetEnvironmentVariable("AWS_ROLE_SESSION_NAME") ?? StsTools.Validation.SessionNames.Default();
        var role = RoleArn ?? Environment.GetEnvironmentVariable("AWS_ROLE_ARN") ?? "the role in AWS_ROLE_ARN (not set)";
        if (!ShouldCall($"AssumeRoleWithWebIdentity as session '{sessionName}'", role, SetEnvironment)) return;
        var request = new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = RoleArn,
            RoleSessionName = RoleSessionName,
            WebIdentityToken = WebIdentityToken,
            ProviderId = ProviderId,
            PolicyArns = Policies(PolicyArn),
            Policy = Policy,
            DurationSeconds = IsBound(nameof(DurationSeconds)) ? DurationSeconds : null,
        };
        var tokenFile = WebIdentityTokenFile is null ? null : FileSystemPaths.Resolve(this, WebIdentityTokenFile, nameof(WebIdentityTokenFile));
        var response = Call((service, connection, log, ct) => service.AssumeRoleWithWebIdentityAsync(request, connection, tokenFile, log, ct));
        WriteCredentialsResult(response, SetEnvironment, PassThru, r => r.AssumedRoleUser.Arn);
    }
}
