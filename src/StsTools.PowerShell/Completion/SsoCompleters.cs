using System.Collections.Generic;
using StsTools.Env;
using StsTools.Input;

namespace StsTools.PowerShell.Completion;

/// <summary>Tab-completes -ProfileName of the IAM Identity Center cmdlets: the config file's SSO profiles only.</summary>
public sealed class SsoProfileNameCompleter : StaticCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Values => ProfileNames.SsoProfiles(ProcessEnvironmentVariables.Instance);
}

/// <summary>Tab-completes -SsoSession from the config file's [sso-session NAME] sections.</summary>
public sealed class SsoSessionCompleter : StaticCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Values => ProfileNames.SsoSessions(ProcessEnvironmentVariables.Instance);
}
