namespace StsTools.Model;

/// <summary>
/// The credentials of a role through IAM Identity Center (the portal's GetRoleCredentials), in the
/// module's <see cref="Model.Credentials"/> shape, so they pipe into every cmdlet that takes credentials.
/// </summary>
public sealed class SsoRoleCredentials : ICredentialsResponse
{
    /// <summary>The 12-digit account id.</summary>
    public string AccountId { get; set; } = string.Empty;

    /// <summary>The role's name (the permission set's).</summary>
    public string RoleName { get; set; } = string.Empty;

    /// <summary>The temporary credentials (Expiration in local time).</summary>
    public Credentials Credentials { get; set; } = new();

    /// <summary>The sso-session the sign-in belongs to (null for the legacy form), so the result pipes into the other IAM Identity Center cmdlets with its sign-in.</summary>
    public string? SsoSession { get; set; }

    /// <summary>The access portal's start URL.</summary>
    public string StartUrl { get; set; } = string.Empty;

    /// <summary>The region of IAM Identity Center.</summary>
    public string SsoRegion { get; set; } = string.Empty;

    /// <summary><c>AccountId/RoleName: AccessKeyId (expires ...)</c>, never a secret.</summary>
    public override string ToString() => $"{AccountId}/{RoleName}: {Credentials}";
}
