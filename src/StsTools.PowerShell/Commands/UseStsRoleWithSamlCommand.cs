using System.Linq;
using System.Management.Automation;
using StsTools.PowerShell.Internal;
using StsTools.Input;
using StsTools.Model;
using StsTools.Requests;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Assumes a role with a SAML assertion from your identity provider (STS AssumeRoleWithSAML).
/// </summary>
[Cmdlet(VerbsOther.Use, "StsRoleWithSaml", DefaultParameterSetName = AssertionSet, SupportsShouldProcess = true)]
[OutputType(typeof(AssumeRoleWithSAMLResponse))]
public sealed class UseStsRoleWithSamlCommand : StsCmdletBase
{
    /// <summary>The parameter set taking the assertion as text.</summary>
    public const string AssertionSet = "Assertion";
    /// <summary>The parameter set reading the assertion from a file.</summary>
    public const string AssertionFileSet = "AssertionFile";

    /// <summary>The ARN of the role to assume.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string RoleArn { get; set; } = string.Empty;

    /// <summary>The ARN of the IAM SAML provider.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string PrincipalArn { get; set; } = string.Empty;

    /// <summary>The SAML response, base64-encoded (raw XML is encoded for you).</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipeline = true, ParameterSetName = AssertionSet)]
    public string SAMLAssertion { get; set; } = string.Empty;

    /// <summary>A file holding the SAML response (base64 or raw XML).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AssertionFileSet)]
    public string SamlAssertionFile { get; set; } = string.Empty;

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
        if (!ShouldCall("AssumeRoleWithSAML", RoleArn, SetEnvironment)) return;
        var assertion = ParameterSetName == AssertionFileSet
            ? Run(_ => SamlAssertions.ReadFile(FileSystemPaths.Resolve(this, SamlAssertionFile, nameof(SamlAssertionFile))))
            : SAMLAssertion;
        if (assertion is null) return;
        var request = new AssumeRoleWithSAMLRequest
        {
            RoleArn = RoleArn,
            PrincipalArn = PrincipalArn,
            SAMLAssertion = assertion,
            PolicyArns = Policies(PolicyArn),
            Policy = Policy,
            DurationSeconds = IsBound(nameof(DurationSeconds)) ? DurationSeconds : null,
        };
        var response = Call((service, connection, log, ct) => service.AssumeRoleWithSamlAsync(request, connection, log, ct));
        WriteCredentialsResult(response, SetEnvironment, PassThru, r => r.AssumedRoleUser.Arn);
    }
}
