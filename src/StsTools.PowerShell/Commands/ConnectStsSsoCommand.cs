using System;
using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Internal;
using StsTools.Service;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Signs in to IAM Identity Center (the device authorization flow, or the authorization code flow
/// with PKCE) and keeps the token in the AWS CLI's token cache.
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

    /// <summary>
    /// DeviceCode (the default: a code to confirm in any browser, on any device; works over SSH), or
    /// AuthorizationCode (PKCE: the browser on this machine comes back to a 127.0.0.1 address).
    /// </summary>
    [Parameter]
    [ValidateSet(DeviceCodeFlow, AuthorizationCodeFlow)]
    public string Flow { get; set; } = DeviceCodeFlow;

    /// <summary>The device authorization flow.</summary>
    public const string DeviceCodeFlow = "DeviceCode";
    /// <summary>The authorization code flow with PKCE and a loopback redirect.</summary>
    public const string AuthorizationCodeFlow = "AuthorizationCode";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = Settings();
        if (!FirstTimeFor(settings)) return;
        if (!ShouldProcess(settings.SessionName is null ? settings.StartUrl : settings.DisplayName + $" ({settings.StartUrl})", "Sign in to IAM Identity Center and write the token to " + settings.TokenFile)) return;
        var noBrowser = NoBrowser.IsPresent;
        var connection = SsoConnection;
        var authorizationCode = string.Equals(Flow, AuthorizationCodeFlow, StringComparison.OrdinalIgnoreCase);
        var signIn = Run((log, ct) => Service.ConnectSsoAsync(settings, connection, device => Show(device, (BufferedLog)log, noBrowser), log, ct, Force, authorizationCode));
        if (signIn is not null) WriteObject(signIn);
    }

    // On the host, never the output stream: the code is for the person at the keyboard (or the
    // log of a session that cannot open a browser), not for the next command.
    private static void Show(SsoDeviceAuthorization device, BufferedLog log, bool noBrowser)
    {
        var url = device.VerificationUriComplete ?? device.VerificationUri;
        log.Host(device.UserCode is null
            ? $"To sign in to IAM Identity Center, open this address in a browser on this machine (it comes back to 127.0.0.1; within {Math.Round(device.ExpiresIn.TotalMinutes)} minutes):{Environment.NewLine}{url}"
            : $"To sign in to IAM Identity Center, open {device.VerificationUri} and confirm the code {device.UserCode} (valid for {Math.Round(device.ExpiresIn.TotalMinutes)} minutes).");
        if (noBrowser) return;
        try
        {
            var opened = BrowserOpener.Open(url);
            log.Verbose($"Opened the sign-in page with {opened}.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
        {
            log.Host($"No browser could be opened ({ex.Message}); open the address above yourself. Waiting for the sign-in to be confirmed...");
        }
    }
}
