using System;

namespace StsTools.Model;

/// <summary>
/// A URL that signs its holder in to the AWS Management Console (the federation endpoint's
/// <c>Action=login</c> with a sign-in token), as Get-StsConsoleUrl returns it.
/// </summary>
/// <remarks>
/// The URL carries the sign-in token, which grants console access to whoever opens it within 15
/// minutes: the default views and <see cref="ToString"/> never show it; read <see cref="Url"/>
/// (or use -Open) when you mean to.
/// </remarks>
public sealed class ConsoleSignIn
{
    private DateTime _validUntil;
    private DateTime _sessionExpiration;

    /// <summary>The sign-in URL, sign-in token included. Never shown by the default views.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The console page the URL opens.</summary>
    public string Destination { get; set; } = string.Empty;

    /// <summary>The Issuer the URL names: where the console sends the user when the session ends.</summary>
    public string? Issuer { get; set; }

    /// <summary>When the URL stops working (the sign-in token lasts 15 minutes), local time.</summary>
    public DateTime ValidUntil { get => _validUntil; set => _validUntil = LocalTime.From(value); }

    /// <summary>When the credentials the console session runs as expire, local time; <c>default</c> when unknown.</summary>
    public DateTime SessionExpiration { get => _sessionExpiration; set => _sessionExpiration = LocalTime.From(value); }

    /// <summary>The access key id of those credentials (not a secret).</summary>
    public string AccessKeyId { get; set; } = string.Empty;

    /// <summary>Shows where the URL leads and until when, never the URL itself.</summary>
    public override string ToString() =>
        $"Console sign-in to {Destination} (valid until {ValidUntil.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}; the URL is in .Url)";
}
