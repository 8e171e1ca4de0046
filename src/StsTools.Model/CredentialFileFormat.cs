namespace StsTools.Storage;

/// <summary>The formats <c>Export-StsCredential</c> writes.</summary>
public enum CredentialFileFormat
{
    /// <summary><c>{"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}</c>: boto's save/load, the module's own.</summary>
    Json,
    /// <summary>The AWS <c>credential_process</c> output (Version 1), which every AWS SDK and CLI reads.</summary>
    CredentialProcess,
}
