using System.Linq;
using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Transformation;
using StsTools.Requests;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Gets temporary credentials for a federated user (STS GetFederationToken).
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsFederationToken", DefaultParameterSetName = ProfileSet, SupportsShouldProcess = true)]
[OutputType(typeof(GetFederationTokenResponse))]
public sealed class GetStsFederationTokenCommand : CredentialPipelineCmdletBase
{
    /// <summary>The federated user's name, 2 to 32 characters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = string.Empty;

    /// <summary>An inline session policy (JSON text).</summary>
    [Parameter]
    public string? Policy { get; set; }

    /// <summary>ARNs of managed policies for the session.</summary>
    [Parameter]
    [Alias("PolicyArns")] // the STS field name
    public string[]? PolicyArn { get; set; }

    /// <summary>Session length in seconds, 900 to 129600.</summary>
    [Parameter]
    [Alias("DurationInSeconds")] // AWS.Tools' name
    [ValidateRange(900, 129600)]
    public int DurationSeconds { get; set; }

    /// <summary>Session tags: @{Name='Value'}, 'Name=Value' or tag objects.</summary>
    [Parameter]
    [TagsTransformation]
    [Alias("Tags")] // the STS field name
    public Tag[]? Tag { get; set; }

    /// <summary>Also put the new credentials into this session's AWS_* environment variables.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>With -SetEnvironment, also write the result (without it, -SetEnvironment writes nothing).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!ShouldCall("GetFederationToken", $"federated user '{Name}'", SetEnvironment)) return;
        var request = new GetFederationTokenRequest
        {
            Name = Name,
            Policy = Policy,
            PolicyArns = Policies(PolicyArn),
            DurationSeconds = IsBound(nameof(DurationSeconds)) ? DurationSeconds : null,
            Tags = (Tag ?? new Tag[0]).ToList(),
        };
        var response = Call((service, connection, log, ct) => service.GetFederationTokenAsync(request, connection, log, ct));
        WriteCredentialsResult(response, SetEnvironment, PassThru, r => r.FederatedUser.Arn);
    }
}
