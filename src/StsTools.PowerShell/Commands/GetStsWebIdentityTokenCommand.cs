using System.Linq;
using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Transformation;
using StsTools.Requests;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Gets a signed JWT of your AWS identity for an external OIDC relying party (STS GetWebIdentityToken).
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsWebIdentityToken", DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(GetWebIdentityTokenResponse))]
public sealed class GetStsWebIdentityTokenCommand : CredentialPipelineCmdletBase
{
    /// <summary>The intended recipients of the token (1 to 10), its aud claim.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string[] Audience { get; set; } = new string[0];

    /// <summary>RS256 or ES384.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateSet("RS256", "ES384")]
    public string SigningAlgorithm { get; set; } = string.Empty;

    /// <summary>Token lifetime in seconds, 60 to 3600.</summary>
    [Parameter]
    [Alias("DurationInSeconds")] // AWS.Tools' name
    [ValidateRange(60, 3600)]
    public int DurationSeconds { get; set; }

    /// <summary>Tags to include in the token: @{Name='Value'}, 'Name=Value' or tag objects.</summary>
    [Parameter]
    [TagsTransformation]
    [Alias("Tags")] // the STS field name
    public Tag[]? Tag { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var request = new GetWebIdentityTokenRequest
        {
            Audience = Audience.ToList(),
            SigningAlgorithm = SigningAlgorithm,
            DurationSeconds = IsBound(nameof(DurationSeconds)) ? DurationSeconds : null,
            Tags = (Tag ?? new Tag[0]).ToList(),
        };
        var response = Call((service, connection, log, ct) => service.GetWebIdentityTokenAsync(request, connection, log, ct));
        if (response is not null) WriteObject(response);
    }
}
