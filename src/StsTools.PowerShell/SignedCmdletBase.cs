using System.Management.Automation;
using StsTools.Connection;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Transformation;

namespace StsTools.PowerShell;

/// <summary>
/// The parameters of the signed STS operations: where the credentials to sign with come from.
/// Each source is a parameter set, so <c>Get-Command -Syntax</c> and help show that they exclude
/// each other: <see cref="ProfileSet"/> (-ProfileName, or nothing: the SDK's default chain),
/// <see cref="AccessKeySet"/> and <see cref="CredentialSet"/> (-Credential, declared by the
/// subclasses, which differ in pipeline binding). A cmdlet's own parameters belong to all three
/// sets; its <c>[Cmdlet]</c> attribute names <see cref="ProfileSet"/> as the default.
/// </summary>
public abstract class SignedCmdletBase : StsCmdletBase
{
    /// <summary>The set of -ProfileName, and of no source at all (the default credential chain).</summary>
    public const string ProfileSet = "Profile";
    /// <summary>The set of -AccessKey with -SecretKey (and -SessionToken).</summary>
    public const string AccessKeySet = "AccessKey";
    /// <summary>The set of -Credential.</summary>
    public const string CredentialSet = "Credential";

    /// <summary>A profile in the shared AWS config/credentials files to take the credentials (and region) from.</summary>
    [Parameter(ParameterSetName = ProfileSet)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public override string? ProfileName { get; set; }

    /// <summary>An explicit access key id to sign with.</summary>
    [Parameter(ParameterSetName = AccessKeySet, Mandatory = true)]
    public string? AccessKey { get; set; }

    /// <summary>The secret key for <see cref="AccessKey"/> (a SecureString, or text).</summary>
    /// <remarks>
    /// Not Mandatory although required: PowerShell's prompt for a missing mandatory string echoes
    /// what is typed; the engine refuses a key id without its secret (IncompleteAccessKey) instead.
    /// </remarks>
    [Parameter(ParameterSetName = AccessKeySet)]
    public Secret? SecretKey { get; set; }

    /// <summary>The session token for temporary <see cref="AccessKey"/>s (a SecureString, or text).</summary>
    [Parameter(ParameterSetName = AccessKeySet)]
    public Secret? SessionToken { get; set; }

    /// <inheritdoc />
    /// <remarks>The secrets become text here, as the call that signs with them is built, never at binding.</remarks>
    private protected override void AddSourceKeys(ConnectionOptions options)
    {
        options.AccessKey = AccessKey;
        options.SecretKey = Secret.Reveal(SecretKey);
        options.SessionToken = Secret.Reveal(SessionToken);
    }
}
