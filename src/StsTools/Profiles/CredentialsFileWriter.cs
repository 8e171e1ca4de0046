using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Storage;

namespace StsTools.Profiles;

/// <summary>Writes credentials into the shared credentials file as a profile, keeping everything else.</summary>
public static class CredentialsFileWriter
{
    /// <summary>
    /// Sets aws_access_key_id, aws_secret_access_key and aws_session_token (removed for long-term
    /// keys) of <paramref name="profile"/>; other profiles, keys and comments stay as they were.
    /// The file is rewritten atomically, owner-only, under a lock against concurrent writers.
    /// </summary>
    /// <param name="profile">The profile (section) to write.</param>
    /// <param name="credentials">What to write.</param>
    /// <param name="env">Where AWS_SHARED_CREDENTIALS_FILE is read.</param>
    /// <param name="cancellationToken">Stops waiting for the file lock.</param>
    /// <param name="replaceLongTermKeys">
    /// Write even over a profile that holds long-term keys (an access key id and secret without a
    /// session token): without it that is <c>ProfileHoldsLongTermKeys</c>, as the keys would be lost
    /// and every role profile that uses them as source_profile would break within the hour.
    /// </param>
    /// <param name="log">Hears about a wait for the lock (verbose and progress).</param>
    public static async Task<string> SetProfileAsync(string profile, Credentials credentials, IEnvironmentVariables env, CancellationToken cancellationToken = default, bool replaceLongTermKeys = false, Service.IStsLog? log = null)
    {
        if (string.IsNullOrWhiteSpace(profile) || profile.IndexOfAny(new[] { '[', ']', '\r', '\n' }) >= 0)
            throw new StsValidationException(ErrorIds.InvalidProfileName, "ProfileName", $"'{profile}' cannot be a profile name.", profile);
        if (credentials is null || string.IsNullOrEmpty(credentials.AccessKeyId) || string.IsNullOrEmpty(credentials.SecretAccessKey))
            throw new StsValidationException(ErrorIds.IncompleteCredential, "InputObject", "The credentials have no AccessKeyId or SecretAccessKey.", null);
        var path = SharedFiles.CredentialsPath(env);
        CredentialValues.Check(credentials, $"written to '{path}'");
        await EditAsync(path, ownerOnly: true, document =>
        {
            if (!replaceLongTermKeys && document.Get(profile) is { } existing && HoldsLongTermKeys(existing) && existing["aws_access_key_id"] != credentials.AccessKeyId)
                throw new StsToolsException(ErrorIds.ProfileHoldsLongTermKeys, StsErrorCategory.InvalidOperation,
                    $"Profile [{profile}] in '{path}' holds long-term keys ({existing["aws_access_key_id"]}); writing {credentials.AccessKeyId} over them would lose them, and break every profile that uses [{profile}] as its source_profile. Choose another profile name, or add -Force to replace them.",
                    profile);
            var values = new List<KeyValuePair<string, string>>
            {
                new("aws_access_key_id", credentials.AccessKeyId),
                new("aws_secret_access_key", credentials.SecretAccessKey),
            };
            var remove = new List<string>();
            if (string.IsNullOrEmpty(credentials.SessionToken)) remove.Add("aws_session_token");
            else values.Add(new("aws_session_token", credentials.SessionToken));
            document.Set(profile, values, remove);
        }, cancellationToken, log).ConfigureAwait(false);
        return path;
    }

    /// <summary>
    /// Sets <c>region</c> of <c>[profile NAME]</c> (<c>[default]</c>) in the shared config file, where the
    /// AWS CLI and boto3 read it (they do not read a region from the credentials file), keeping
    /// every other line; under the same kind of lock, atomically. Returns the config file's path.
    /// </summary>
    public static async Task<string> SetRegionAsync(string profile, string region, IEnvironmentVariables env, CancellationToken cancellationToken = default, Service.IStsLog? log = null)
    {
        if (region.IndexOfAny(new[] { '\r', '\n', '[', ']', '=' }) >= 0 || region.Trim().Length == 0)
            throw new StsValidationException(ErrorIds.InvalidRegion, "Region", $"'{region}' cannot be written as a region.", region);
        var path = SharedFiles.ConfigPath(env);
        var section = profile == "default" ? "default" : "profile " + profile;
        await EditAsync(path, ownerOnly: false,
            document => document.Set(section, new List<KeyValuePair<string, string>> { new("region", region) }, new List<string>()),
            cancellationToken, log).ConfigureAwait(false);
        return path;
    }

    // One writer of a shared file at a time (the lock), the file read, edited and replaced
    // atomically (AtomicFile creates its folder), every line the edit does not touch kept.
    private static async Task EditAsync(string path, bool ownerOnly, Action<IniDocument> edit, CancellationToken cancellationToken, Service.IStsLog? log)
    {
        using (await FileLock.AcquireAsync(LockPathFor(path), TimeSpan.FromSeconds(30), cancellationToken, log).ConfigureAwait(false))
        {
            var document = IniDocument.Load(path);
            edit(document);
            AtomicFile.WriteAllText(path, document.ToString(), ownerOnly);
        }
    }

    /// <summary>
    /// True when writing <paramref name="credentials"/> as <paramref name="profile"/> would replace
    /// long-term keys (what <c>-Force</c> allows and the cmdlet confirms at High impact).
    /// </summary>
    public static bool WouldReplaceLongTermKeys(string profile, Credentials credentials, IEnvironmentVariables env)
    {
        var path = SharedFiles.CredentialsPath(env);
        if (!System.IO.File.Exists(path)) return false;
        return IniDocument.Load(path).Get(profile) is { } existing && HoldsLongTermKeys(existing) && existing["aws_access_key_id"] != credentials?.AccessKeyId;
    }

    // The lock is not kept beside the credentials file: an empty credentials.lock in ~/.aws is
    // clutter the user did not ask for, and deleting it on release would let two writers each hold
    // "the" lock on a different file. Nor in a folder next to it: when the credentials file is in
    // a shared folder, another user could create that folder and hold the lock. It lives in the
    // user's own private folder (<cache folder>/locks, 0700, owner-checked), named after the
    // credentials file and a hash of its full path, so each file has its own lock.
    internal static string LockPathFor(string credentialsPath)
    {
        var full = System.IO.Path.GetFullPath(credentialsPath);
        var locks = Storage.PrivateDirectory.OfModule("locks");
        return System.IO.Path.Combine(locks, System.IO.Path.GetFileName(full) + "-" + Caching.KeyHash.Hex(full, 16) + ".lock");
    }

    // An access key id and a secret, and no session token: an IAM user's keys, not a session.
    private static bool HoldsLongTermKeys(System.Collections.Generic.IReadOnlyDictionary<string, string> section) =>
        section.TryGetValue("aws_access_key_id", out var id) && id.Length > 0
        && section.ContainsKey("aws_secret_access_key")
        && !(section.TryGetValue("aws_session_token", out var token) && token.Length > 0);
}
