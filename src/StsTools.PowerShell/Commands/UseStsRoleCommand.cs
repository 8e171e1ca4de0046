using System.Linq;
using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Transformation;
using StsTools.Requests;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Assumes an IAM role (STS AssumeRole) and returns its temporary credentials.</para>
/// </summary>
[Cmdlet(VerbsOther.Use, "StsRole", SupportsShouldProcess = true, DefaultParameterSetName = ByRoleArn)]
[OutputType(typeof(AssumeRoleResponse))]
public sealed class UseStsRoleCommand : CredentialPipelineCmdletBase
{
    /// <summary>The parameter set of -RoleArn (or -ProfileName alone).</summary>
    public const string ByRoleArn = "RoleArn";
    /// <summary>The parameter set of -AccountId with -RoleName.</summary>
    public const string ByAccountAndRoleName = "AccountIdAndRoleName";

    /// <summary>The ARN of the role to assume; taken from the role profile when only -ProfileName is given.</summary>
    [Parameter(ParameterSetName = ByRoleArn, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    /// <summary>The account of the role (12 digits); with -RoleName instead of -RoleArn. Binds from the pipeline (text, or AccountId/Id properties).</summary>
    /// <remarks>
    /// Not Mandatory on purpose: PowerShell would then bind a piped role ARN to this set (and prompt
    /// for -RoleName) instead of the default one; the engine reports a missing account id instead.
    /// </remarks>
    [Parameter(ParameterSetName = ByAccountAndRoleName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public string AccountId { get; set; } = string.Empty;

    /// <summary>The role's name (with its path, if any) in -AccountId; the ARN is built in the partition of the region in use.</summary>
    [Parameter(ParameterSetName = ByAccountAndRoleName, Mandatory = true)]
    public string RoleName { get; set; } = string.Empty;

    /// <summary>The session name; defaults to StsModule-&lt;user name&gt;.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? RoleSessionName { get; set; }

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

    /// <summary>Session tags: @{Name='Value'}, 'Name=Value' or tag objects.</summary>
    [Parameter]
    [TagsTransformation]
    [Alias("Tags")] // the STS field name
    public Tag[]? Tag { get; set; }

    /// <summary>Tag keys that persist through role chaining.</summary>
    [Parameter]
    [Alias("TransitiveTagKeys")] // the STS field name
    public string[]? TransitiveTagKey { get; set; }

    /// <summary>The external id the role's trust policy requires.</summary>
    [Parameter]
    public string? ExternalId { get; set; }

    /// <summary>The MFA device serial number or ARN.</summary>
    [Parameter]
    public string? SerialNumber { get; set; }

    /// <summary>The six-digit code shown by the MFA device.</summary>
    [Parameter]
    public string? TokenCode { get; set; }

    /// <summary>The source identity to stamp on the session.</summary>
    [Parameter]
    public string? SourceIdentity { get; set; }

    /// <summary>Trusted context assertions: @{ProviderArn='...'; ContextAssertion='...'}.</summary>
    [Parameter]
    [Alias("ProvidedContexts")] // the STS field name
    public ProvidedContext[]? ProvidedContext { get; set; }

    /// <summary>Also put the new credentials into this session's AWS_* environment variables.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>With -SetEnvironment, also write the result (without it, -SetEnvironment writes nothing).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Call STS even when a cached session would do (boto's force_new).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var roleArn = ParameterSetName == ByAccountAndRoleName
            ? Invoke(() => Service.RoleArnFor(AccountId, RoleName, Connection))
            : RoleArn;
        if (!ShouldCall($"AssumeRole as session '{RoleSessionName ?? "StsModule-<user>"}'", roleArn ?? $"the role of profile '{ProfileName}'", SetEnvironment)) return;
        var request = new AssumeRoleRequest
        {
            RoleArn = roleArn ?? string.Empty,
            RoleSessionName = RoleSessionName,
            PolicyArns = Policies(PolicyArn),
            Policy = Policy,
            DurationSeconds = IsBound(nameof(DurationSeconds)) ? DurationSeconds : null,
            Tags = (Tag ?? new Tag[0]).ToList(),
            TransitiveTagKeys = (TransitiveTagKey ?? new string[0]).ToList(),
            ExternalId = ExternalId,
            SerialNumber = SerialNumber,
            TokenCode = TokenCode,
            SourceIdentity = SourceIdentity,
            ProvidedContexts = (ProvidedContext ?? new ProvidedContext[0]).ToList(),
        };
        // -ProfileName alone names a role profile to follow, as `aws --profile prod` does;
        // with -RoleArn it is only where the source credentials come from.
        var fromProfile = roleArn is null && ProfileName is not null;
        var response = InvokeWithMfaPrompt(code => request.TokenCode = code, (service, connection, log, ct) => fromProfile
            ? service.AssumeRoleFromProfileAsync(ProfileName!, request, connection, log, ct, Force)
            : service.AssumeRoleAsync(request, connection, log, ct, Force));
        WriteCredentialsResult(response, SetEnvironment, PassThru, r => r.AssumedRoleUser.Arn);
    }
}
