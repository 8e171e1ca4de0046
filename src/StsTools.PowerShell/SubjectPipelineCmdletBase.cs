using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Transformation;

namespace StsTools.PowerShell;

/// <summary>
/// For cmdlets whose pipeline input is what they work on (an access key id, an encoded message,
/// a trade-in token): -Credential is by name only, so piped input never also becomes the signer.
/// </summary>
public abstract class SubjectPipelineCmdletBase : SignedCmdletBase
{
    /// <summary>Credentials from an earlier call to sign with (not bound from the pipeline here).</summary>
    [Parameter(ParameterSetName = CredentialSet, Mandatory = true)]
    [Alias("Credentials")]
    [CredentialsTransformation]
    public Credentials? Credential { get; set; }

    /// <inheritdoc />
    protected override Credentials? SourceCredential => Credential;
}
