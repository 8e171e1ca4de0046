using System.IO;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using StsTools.Env;
using StsTools.Profiles;

namespace StsTools.Connection;

/// <summary>
/// The AWS SDK's profile store, asked so that a credentials file created during the session is
/// found. Why: the SDK's default store does not see a credentials file that did not exist when it
/// first looked in this process (Set-StsProfile on a new machine, then -ProfileName in the same
/// session); a store opened on the file's path does. The default store is asked first, so that
/// Windows users' encrypted SDK store (AWS.Tools) keeps working.
/// </summary>
internal static class ProfileStore
{
    // The second store only when there is a file for it to read: a profile that exists nowhere
    // (the usual "default") costs one parse, not two. The files are checked first: the SDK reads
    // them whole, whatever they are (SharedFiles.EnsureFitForReading).
    public static bool TryGetProfile(string name, IEnvironmentVariables env, out CredentialProfile profile)
    {
        SharedFiles.EnsureFitForReading(env);
        return new CredentialProfileStoreChain().TryGetProfile(name, out profile)
            || (File.Exists(SharedFiles.CredentialsPath(env)) && new CredentialProfileStoreChain(SharedFiles.CredentialsPath(env)).TryGetProfile(name, out profile));
    }

    public static bool TryGetAWSCredentials(string name, IEnvironmentVariables env, out AWSCredentials credentials)
    {
        SharedFiles.EnsureFitForReading(env);
        return new CredentialProfileStoreChain().TryGetAWSCredentials(name, out credentials)
            || (File.Exists(SharedFiles.CredentialsPath(env)) && new CredentialProfileStoreChain(SharedFiles.CredentialsPath(env)).TryGetAWSCredentials(name, out credentials));
    }
}
