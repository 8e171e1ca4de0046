namespace StsTools.Model;

/// <summary>
/// An AWS account the signed-in user can reach through IAM Identity Center, shaped like the
/// portal's <c>AccountInfo</c>, with where it came from so it pipes on (Get-StsSsoRole, Get-StsSsoRoleCredential).
/// </summary>
public sealed class SsoAccount
{
    /// <summary>The 12-digit account id.</summary>
    public string AccountId { get; set; } = string.Empty;

    /// <summary>The account's name.</summary>
    public string AccountName { get; set; } = string.Empty;

    /// <summary>The account's root email address.</summary>
    public string EmailAddress { get; set; } = string.Empty;

    /// <summary>The SSO profile the listing used, if any.</summary>
    public string? ProfileName { get; set; }

    /// <summary>The sso-session the listing used, if any.</summary>
    public string? SsoSession { get; set; }

    /// <summary>The access portal's start URL.</summary>
    public string StartUrl { get; set; } = string.Empty;

    /// <summary>The region of IAM Identity Center.</summary>
    public string SsoRegion { get; set; } = string.Empty;

    /// <summary><c>AccountId (AccountName)</c>.</summary>
    public override string ToString() => $"{AccountId} ({AccountName})";
}
