using System.Management.Automation;
using StsTools.Model;
using StsTools.Requests;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Gets temporary credentials for the calling IAM user (STS GetSessionToken), optionally MFA-authenticated.
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsSessionToken", DefaultParameterSetName = ProfileSet, SupportsShouldProcess = true)]
[OutputType(typeof(GetSessionTokenResponse))]
public sealed class GetStsSessionTokenCommand : CredentialPipelineCmdletBase
{
    /// <summary>Session length in seconds, 900 to 129600.</summary>
    [Parameter(Position = 0)]
    [Alias("DurationInSeconds")] // AWS.Tools' name
    [ValidateRange(900, 129600)]
    public int DurationSeconds { get; set; }

    /// <summary>The MFA device serial number or ARN.</summary>
    [Parameter]
    public string? SerialNumber { get; set; }

    /// <summary>The six-digit code shown by the MFA device.</summary>
    [Parameter]
    public string? TokenCode { get; set; }

    /// <summary>Also put the new credentials into this session's AWS_* environment variables.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>With -SetEnvironment, also write the result (without it, -SetEnvironment writes nothing).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Call STS even when a cached session token would do (boto's force_new).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!ShouldCall(SerialNumber is null ? "GetSessionToken" : $"GetSessionToken with MFA device {SerialNumber}", $"the credentials of {SourceDescription}", SetEnvironment)) return;
        var request = new GetSessionTokenRequest
        {
            DurationSeconds = IsBound(nameof(DurationSeconds)) ? DurationSeconds : null,
            SerialNumber = SerialNumber,
            TokenCode = TokenCode,
        };
        var response = Call((service, connection, log, ct) => service.GetSessionTokenAsync(request, connection, log, ct, Force), useTokenCode: code => request.TokenCode = code);
        WriteCredentialsResult(response, SetEnvironment, PassThru, _ => "a session token");
    }
}
