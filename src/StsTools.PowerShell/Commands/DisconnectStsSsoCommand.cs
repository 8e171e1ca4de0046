using System.Management.Automation;

namespace StsTools.PowerShell.Commands;

/// <summary>Signs out of IAM Identity Center (the portal's Logout) and removes the cached token.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "StsSso", SupportsShouldProcess = true)]
public sealed class DisconnectStsSsoCommand : SsoCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = Settings();
        if (!FirstTimeFor(settings)) return;
        if (!ShouldProcess(settings.SessionName is null ? settings.StartUrl : settings.DisplayName + $" ({settings.StartUrl})", "Sign out of IAM Identity Center and remove " + settings.TokenFile)) return;
        var connection = SsoConnection;
        var signedIn = Run((log, ct) => Service.DisconnectSsoAsync(settings, connection, log, ct));
        if (!signedIn) WriteVerbose($"There was no sign-in for {settings.DisplayName}.");
    }
}
