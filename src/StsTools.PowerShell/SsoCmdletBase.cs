using System.Management.Automation;
using StsTools.Connection;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Internal;
using StsTools.Sso;

namespace StsTools.PowerShell;

/// <summary>
/// The parameters of the IAM Identity Center cmdlets: which sign-in (an SSO profile, an
/// sso-session, or a start URL with its region), each also bound from a piped account or role
/// by property name, so <c>Get-StsSsoAccount -ProfileName dev | Get-StsSsoRoleCredential -RoleName ReadOnly</c> works.
/// Precedence: -ProfileName, then -SsoSession, then -StartUrl; with none, AWS_PROFILE's profile.
/// </summary>
public abstract class SsoCmdletBase : LocalCmdletBase
{
    /// <summary>An SSO profile of the shared config file (sso_session, or sso_start_url and sso_region).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>An [sso-session NAME] section of the shared config file.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SsoSession { get; set; }

    /// <summary>The AWS access portal's start URL (with -SsoRegion), for a sign-in without a config file.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? StartUrl { get; set; }

    /// <summary>The region of IAM Identity Center, with -StartUrl.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? SsoRegion { get; set; }

    /// <summary>Seconds one HTTP attempt may take (1 to 3600); default STSMODULE_TIMEOUT_SECONDS, else 30.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; }

    /// <summary>Accept a plain-http IAM Identity Center endpoint on a host other than this machine (with a warning).</summary>
    [Parameter]
    public SwitchParameter AllowInsecureEndpoint { get; set; }

    /// <summary>The engine's options for these parameters (endpoints come from the environment and the profile).</summary>
    private protected ConnectionOptions SsoConnection => new()
    {
        TimeoutSeconds = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSeconds)) ? TimeoutSeconds : null,
        AllowInsecureEndpoint = AllowInsecureEndpoint,
        EnvironmentOwner = RunspaceOwner.Current,
    };

    /// <summary>The sign-in the parameters name, checked before any network call (terminating when it cannot be found).</summary>
    private protected SsoSettings Settings() => Run(_ => Service.SsoSettingsFor(ProfileName, SsoSession, StartUrl, SsoRegion, SsoConnection))!;

    /// <summary>What names the sign-in in ShouldProcess and messages.</summary>
    protected string Target => !string.IsNullOrEmpty(ProfileName) ? $"SSO profile '{ProfileName}'"
        : !string.IsNullOrEmpty(SsoSession) ? $"sso-session '{SsoSession}'"
        : !string.IsNullOrEmpty(StartUrl) ? StartUrl! : "the SSO profile of AWS_PROFILE";
}
