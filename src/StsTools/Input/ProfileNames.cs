using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StsTools.Env;
using StsTools.Profiles;

namespace StsTools.Input;

/// <summary>The profile names in the shared config and credentials files, for tab completion.</summary>
public static class ProfileNames
{
    /// <summary>Every profile name, sorted; empty when the files are missing or unreadable.</summary>
    /// <remarks>
    /// Read from the files' section names, as the AWS CLI lists them, not through the SDK's profile
    /// store: that one leaves out profiles that only set a region or a role it cannot resolve yet,
    /// and one profile it cannot parse (an sso_session it does not find) makes it list nothing.
    /// </remarks>
    public static IReadOnlyList<string> List() => List(ProcessEnvironmentVariables.Instance);

    /// <summary>Every profile name in the files <paramref name="env"/> points at, sorted.</summary>
    public static IReadOnlyList<string> List(IEnvironmentVariables env)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections(SharedFiles.CredentialsPath(env))) names.Add(section);
        foreach (var section in Sections(SharedFiles.ConfigPath(env)))
            if (ProfileOf(section) is { } name) names.Add(name);
        return names.ToList();
    }

    /// <summary>The profiles of the config file that sign in through IAM Identity Center (sso_session or sso_start_url), sorted.</summary>
    public static IReadOnlyList<string> SsoProfiles(IEnvironmentVariables env)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var config = Load(SharedFiles.ConfigPath(env));
        foreach (var section in config?.Sections ?? Array.Empty<string>())
            if (ProfileOf(section.Trim()) is { } name && config!.Get(section) is { } values && (values.ContainsKey("sso_session") || values.ContainsKey("sso_start_url")))
                names.Add(name);
        return names.ToList();
    }

    // In the config file a profile is [default] or [profile name]; [sso-session x] and
    // [services x] are other kinds of section.
    private static string? ProfileOf(string section) =>
        section == "default" ? section
        : section.StartsWith("profile ", StringComparison.Ordinal) && section.Substring(8).Trim() is { Length: > 0 } name ? name
        : null;

    /// <summary>The names of the config file's [sso-session NAME] sections, sorted.</summary>
    public static IReadOnlyList<string> SsoSessions(IEnvironmentVariables env) =>
        (Load(SharedFiles.ConfigPath(env))?.Sections ?? Array.Empty<string>())
            .Where(s => s.StartsWith("sso-session ", StringComparison.Ordinal))
            .Select(s => s.Substring(12).Trim()).Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>
    /// When <paramref name="name"/> is in neither shared file: what to tell the user (the files
    /// looked in, the closest name, the names there are); null when the profile exists.
    /// </summary>
    public static string? NotFoundMessage(string name, IEnvironmentVariables env)
    {
        var names = List(env);
        if (names.Contains(name, StringComparer.Ordinal)) return null;
        var closest = Suggestions.Closest(names, name);
        var where = $"'{SharedFiles.ConfigPath(env)}' or '{SharedFiles.CredentialsPath(env)}'";
        var there = names.Count == 0 ? "There are no profiles there." : $"Profiles there: {string.Join(", ", names.Take(12))}{(names.Count > 12 ? ", ..." : string.Empty)}.";
        return $"There is no profile '{name}' in {where}.{(closest is null ? string.Empty : $" Did you mean '{closest}'?")} {there}";
    }

    private static IEnumerable<string> Sections(string path) =>
        Load(path)?.Sections.Select(s => s.Trim()).ToList() ?? (IEnumerable<string>)Array.Empty<string>();

    private static IniDocument? Load(string path)
    {
        try
        {
            return IniDocument.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or Errors.StsToolsException)
        {
            return null; // completion must never throw at the user
        }
    }
}
