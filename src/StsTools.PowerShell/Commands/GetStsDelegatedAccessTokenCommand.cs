using System.Management.Automation;
using StsTools.Model;
using StsTools.Requests;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Exchanges a trade-in token for temporary credentials of the assumed principal (STS GetDelegatedAccessToken).
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsDelegatedAccessToken", DefaultParameterSetName = ProfileSet, SupportsShouldProcess = true)]
[OutputType(typeof(GetDelegatedAccessTokenResponse))]
public sealed class GetStsDelegatedAccessTokenCommand : SubjectPipelineCmdletBase
{
    /// <summary>The trade-in token to exchange.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string TradeInToken { get; set; } = string.Empty;

    /// <summary>Also put the new credentials into this session's AWS_* environment variables.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>With -SetEnvironment, also write the result (without it, -SetEnvironment writes nothing).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!ShouldCall("GetDelegatedAccessToken", "the trade-in token", SetEnvironment)) return;
        var request = new GetDelegatedAccessTokenRequest { TradeInToken = TradeInToken };
        var response = Call((service, connection, log, ct) => service.GetDelegatedAccessTokenAsync(request, connection, log, ct));
        WriteCredentialsResult(response, SetEnvironment, PassThru, r => r.AssumedPrincipal);
    }
}
