namespace StsTools.Model;

/// <summary>
/// A role (permission set) the signed-in user can use in an account, shaped like the portal's
/// <c>RoleInfo</c>, with where it came from so it pipes on to Get-StsSsoRoleCredential.
/// </summary>
public sealed class SsoRole
{
    /// <summary>The 12-digit account id.</summary>
    public string AccountId { get; set; } = string.Empty;

    /// <summary>The role's name (the permission set's).</summary>
    public string RoleName { get; set; } = string.Empty;

    /// <summary>The SSO profile the listing used, if any.</summary>
    public string? ProfileName { get; set; }

    /// <summary>The sso-session the listing used, if any.</summary>
    public string? SsoSession { get; set; }

    /// <summary>The access portal's start URL.</summary>
    public string StartUrl { get; set; } = string.Empty;

    /// <summary>The region of IAM Identity Center.</summary>
    public string SsoRegion { get; set; } = string.Empty;

    /// <summary><c>AccountId/RoleName</c>.</summary>
    public override string ToString() => $"{AccountId}/{RoleName}";
}
