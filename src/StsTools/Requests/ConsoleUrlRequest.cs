using StsTools.Model;

namespace StsTools.Requests;

/// <summary>What produced a set of temporary credentials: it decides what the federation endpoint accepts.</summary>
public enum CredentialOrigin
{
    /// <summary>Not known (a plain credentials object, the environment).</summary>
    Unknown,
    /// <summary>AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity or AssumeRoot.</summary>
    Role,
    /// <summary>GetFederationToken: the console session lasts as long as the token; no SessionDuration.</summary>
    FederationToken,
    /// <summary>GetSessionToken: the federation endpoint does not accept these.</summary>
    SessionToken,
}

/// <summary>The inputs of a console sign-in URL (the federation endpoint's getSigninToken, then Action=login).</summary>
public sealed class ConsoleUrlRequest
{
    /// <summary>The temporary credentials to sign in as; null: the connection's source credentials.</summary>
    public Credentials? Credentials { get; set; }

    /// <summary>What produced <see cref="Credentials"/>.</summary>
    public CredentialOrigin Origin { get; set; }

    /// <summary>A console URL (https) or a service name (s3, ec2, ...); null: the console home.</summary>
    public string? Destination { get; set; }

    /// <summary>The Issuer of the login URL (where the console sends the user when the session ends).</summary>
    public string? Issuer { get; set; }

    /// <summary>The console session's length, 900 to 43200 seconds (role credentials only).</summary>
    public int? SessionDurationSeconds { get; set; }

    /// <summary>The federation endpoint; null: the partition's (https://signin.aws.amazon.com/federation, ...).</summary>
    public string? FederationEndpoint { get; set; }
}
