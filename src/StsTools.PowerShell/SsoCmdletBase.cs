using System.Linq;
using System.Management.Automation;
using StsTools.Errors;
using StsTools.Connection;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Internal;
using StsTools.Sso;

namespace StsTools.PowerShell;

/// <summary>
/// The parameters of the IAM Identity Center cmdlets: which sign-in (an SSO profile, an
/// sso-session, or a start URL with its region), each also bound from a piped account or role
/// by property name, so <c>Get-StsSsoAccount -ProfileName dev | Get-StsSsoRoleCredential -RoleName ReadOnly</c> works.
/// One of them on the command line (two are refused) wins over what a piped object carries; among
/// a piped object's: -ProfileName, then -SsoSession, then -StartUrl; with none, AWS_PROFILE's profile.
/// </summary>
public abstract class SsoCmdletBase : LocalCmdletBase
{
    /// <summary>An SSO profile of the shared config file (sso_session, or sso_start_url and sso_region).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SsoProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>An [sso-session NAME] section of the shared config file.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SsoSessionCompleter))]
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

    // The sign-in typed on the command line, if any: it wins over the one a piped account or role
    // carries (`Get-StsSsoAccount -ProfileName a | Get-StsSsoRole -SsoSession b` lists with b).
    private (string? Profile, string? Session, string? StartUrl, string? Region)? _typed;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var bound = MyInvocation.BoundParameters;
        var named = new[] { nameof(ProfileName), nameof(SsoSession), nameof(StartUrl) }.Where(bound.ContainsKey).ToArray();
        if (named.Length > 1)
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"Name the IAM Identity Center sign-in once: -{string.Join(" and -", named)} were both given. Use -ProfileName of an SSO profile, -SsoSession, or -StartUrl with -SsoRegion."),
                ErrorIds.ConflictingSsoSignIn, ErrorCategory.InvalidArgument, null));
        if (bound.ContainsKey(nameof(SsoRegion)) && !bound.ContainsKey(nameof(StartUrl)))
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("-SsoRegion goes with -StartUrl; an SSO profile and an sso-session name their own region (sso_region)."),
                ErrorIds.ConflictingSsoSignIn, ErrorCategory.InvalidArgument, SsoRegion));
        if (named.Length == 1) _typed = (ProfileName, SsoSession, StartUrl, SsoRegion);
    }

    // The sign-ins this command has acted on (Connect, Disconnect): piped accounts of one sign-in act once.
    private readonly System.Collections.Generic.HashSet<string> _signInsDone = new(System.StringComparer.Ordinal);

    /// <summary>True the first time this command meets <paramref name="settings"/>' sign-in.</summary>
    private protected bool FirstTimeFor(SsoSettings settings) => _signInsDone.Add(settings.TokenFile);

    /// <summary>The sign-in the parameters name, checked before any network call (terminating when it cannot be found).</summary>
    private protected SsoSettings Settings() => _typed is { } typed
        ? Run(_ => Service.SsoSettingsFor(typed.Profile, typed.Session, typed.StartUrl, typed.Region, SsoConnection))!
        : Run(_ => Service.SsoSettingsFor(ProfileName, SsoSession, StartUrl, SsoRegion, SsoConnection))!;
}
