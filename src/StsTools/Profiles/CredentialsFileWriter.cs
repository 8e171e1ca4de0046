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
    public static async Task<string> SetProfileAsync(string profile, Credentials credentials, IEnvironmentVariables env, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(profile) || profile.IndexOfAny(new[] { '[', ']', '\r', '\n' }) >= 0)
            throw new StsValidationException("InvalidProfileName", "ProfileName", $"'{profile}' cannot be a profile name.", profile);
        if (credentials is null || string.IsNullOrEmpty(credentials.AccessKeyId) || string.IsNullOrEmpty(credentials.SecretAccessKey))
            throw new StsValidationException("IncompleteCredential", "InputObject", "The credentials have no AccessKeyId or SecretAccessKey.", null);
        var path = SharedFiles.CredentialsPath(env);
        CredentialValues.Check(credentials, $"written to '{path}'");
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".");
        using (await FileLock.AcquireAsync(path + ".lock", TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
        {
            var document = IniDocument.Load(path);
            var values = new List<KeyValuePair<string, string>>
            {
                new("aws_access_key_id", credentials.AccessKeyId),
                new("aws_secret_access_key", credentials.SecretAccessKey),
            };
            var remove = new List<string>();
            if (string.IsNullOrEmpty(credentials.SessionToken)) remove.Add("aws_session_token");
            else values.Add(new("aws_session_token", credentials.SessionToken));
            document.Set(profile, values, remove);
            AtomicFile.WriteAllText(path, document.ToString(), ownerOnly: true);
        }
        return path;
    }
}
