using System;
using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Internal;
using StsTools.Service;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Signs in to IAM Identity Center (the device authorization flow) and keeps the token in the AWS CLI's token cache.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "StsSso", SupportsShouldProcess = true)]
[OutputType(typeof(SsoSignIn))]
public sealed class ConnectStsSsoCommand : SsoCmdletBase
{
    /// <summary>Show the URL and code only; do not open a browser (over SSH, in a container).</summary>
    [Parameter]
    public SwitchParameter NoBrowser { get; set; }

    /// <summary>Sign in again even when the cached token is still valid.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = Settings();
        if (!ShouldProcess(settings.SessionName is null ? settings.StartUrl : settings.DisplayName + $" ({settings.StartUrl})", "Sign in to IAM Identity Center and write the token to " + settings.TokenFile)) return;
        var noBrowser = NoBrowser.IsPresent;
        var connection = SsoConnection;
        var signIn = Run((log, ct) => Service.ConnectSsoAsync(settings, connection, device => Show(device, (BufferedLog)log, noBrowser), log, ct, Force));
        if (signIn is not null) WriteObject(signIn);
    }

    // On the host, never the output stream: the code is for the person at the keyboard (or the
    // log of a session that cannot open a browser), not for the next command.
    private static void Show(SsoDeviceAuthorization device, BufferedLog log, bool noBrowser)
    {
        var url = device.VerificationUriComplete ?? device.VerificationUri;
        log.Host($"To sign in to IAM Identity Center, open {device.VerificationUri} and confirm the code {device.UserCode} (valid for {Math.Round(device.ExpiresIn.TotalMinutes)} minutes).");
        if (noBrowser) return;
        try
        {
            var opened = BrowserOpener.Open(url);
            log.Verbose($"Opened {device.VerificationUri} with {opened}.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
        {
            log.Host($"No browser could be opened ({ex.Message}); open the address above yourself. Waiting for the code to be confirmed...");
        }
    }
}
