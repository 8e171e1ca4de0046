using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.InteropServices;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Transformation;
using StsTools.PowerShell.Internal;
using StsTools.Requests;
using StsTools.Errors;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Makes a URL that signs in to the AWS console as temporary credentials (the federation endpoint's getSigninToken), and with -Open opens it.
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsConsoleUrl", DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(ConsoleSignIn))]
public sealed class GetStsConsoleUrlCommand : SignedCmdletBase
{
    /// <summary>The parameter set of piped results and credentials.</summary>
    public const string InputObjectSet = "InputObject";

    /// <summary>A result of Use-StsRole, Get-StsFederationToken and the like, or a credentials object (binds from the pipeline).</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Temporary credentials to sign in as (any credentials-shaped object, or a PSCredential).</summary>
    [Parameter(ParameterSetName = CredentialSet, Mandatory = true)]
    [Alias("Credentials")]
    [CredentialsTransformation]
    public Credentials? Credential { get; set; }

    /// <summary>A console URL (https) or a service name (s3, ec2, ...) whose console home to open; default the console home.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ConsoleServiceCompleter))]
    public string? Destination { get; set; }

    /// <summary>The Issuer of the login URL: where the console sends the user when the session ends.</summary>
    [Parameter]
    public string? Issuer { get; set; }

    /// <summary>The console session's length, 900 to 43200 seconds (role credentials only).</summary>
    [Parameter]
    [ValidateRange(900, 43200)]
    public int SessionDurationSeconds { get; set; }

    /// <summary>The federation endpoint; default the partition's (https://signin.aws.amazon.com/federation, aws-cn, aws-us-gov).</summary>
    [Parameter]
    public string? FederationEndpoint { get; set; }

    /// <summary>Open the URL in the default browser ($env:BROWSER when set) instead of writing it.</summary>
    [Parameter]
    public SwitchParameter Open { get; set; }

    /// <summary>With -Open, also write the result.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override Credentials? SourceCredential => Credential;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var request = new ConsoleUrlRequest
        {
            Destination = Destination,
            Issuer = Issuer,
            SessionDurationSeconds = IsBound(nameof(SessionDurationSeconds)) ? SessionDurationSeconds : null,
            FederationEndpoint = FederationEndpoint,
        };
        if (InputObject is not null)
        {
            request.Credentials = CredentialsTransformationAttribute.ToCredentials(InputObject)
                ?? throw new PSArgumentException("The piped object carries no credentials.");
            request.Origin = OriginOf(PSObjects.Unwrap(InputObject));
        }
        else if (Credential is not null)
        {
            request.Credentials = Credential;
        }
        var signIn = Call((service, connection, log, ct) => service.GetConsoleUrlAsync(request, connection, log, ct));
        if (signIn is null) return;
        if (Open)
        {
            OpenInBrowser(signIn);
            if (!PassThru) return;
        }
        WriteObject(signIn);
    }

    // The response type says what made the credentials, which decides what the endpoint accepts.
    private static CredentialOrigin OriginOf(object? value)
    {
        var name = value?.GetType().Name ?? string.Empty;
        if (name.StartsWith("AssumeRole", StringComparison.Ordinal) || name == "AssumeRootResponse") return CredentialOrigin.Role;
        if (name == "GetFederationTokenResponse") return CredentialOrigin.FederationToken;
        if (name == "GetSessionTokenResponse") return CredentialOrigin.SessionToken;
        return CredentialOrigin.Unknown;
    }

    private void OpenInBrowser(ConsoleSignIn signIn)
    {
        // The URL holds the sign-in token: never on a command line, where every local user can
        // read it (/proc/<pid>/cmdline, ps) for the browser's whole life. The browser is given an
        // owner-only page that sends it on, by path, and the page is removed a little later.
        // The opener is $env:BROWSER or the platform's, found in PATH's absolute folders only.
        string page;
        try
        {
            page = Run(_ => StsTools.Storage.SignInPage.Write(signIn.Url))!;
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"Could not write the sign-in page for the browser ({ex.Message}). Without -Open the URL is in the result's Url property."),
                ErrorIds.BrowserNotStarted, ErrorCategory.WriteError, signIn.Destination));
            return;
        }
        try
        {
            var opened = BrowserOpener.Open(new Uri(page).AbsoluteUri);
            WriteVerbose($"Opened the console sign-in for {signIn.Destination} with {opened} (through an owner-only page that is removed in a minute).");
            _ = StsTools.Storage.SignInPage.RemoveLater(page, StsTools.Storage.SignInPage.Lifetime(Environment.GetEnvironmentVariable));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            try { System.IO.File.Delete(page); } catch (System.IO.IOException) { }
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"Could not start a browser ({ex.Message}). Without -Open the URL is in the result's Url property; set $env:BROWSER to the browser to use."),
                ErrorIds.BrowserNotStarted, ErrorCategory.ResourceUnavailable, signIn.Destination));
        }
    }
}
