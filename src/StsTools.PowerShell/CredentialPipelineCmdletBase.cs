using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Transformation;

namespace StsTools.PowerShell;

/// <summary>
/// For cmdlets whose pipeline input is the identity to act as: a piped response (its Credentials
/// property) or credentials object binds to -Credential, so <c>Use-StsRole ... | Get-StsCallerIdentity</c> works.
/// </summary>
public abstract class CredentialPipelineCmdletBase : SignedCmdletBase
{
    /// <summary>Credentials from an earlier call; binds from the pipeline (a response's Credentials property).</summary>
    [Parameter(ParameterSetName = CredentialSet, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Credentials")]
    [CredentialsTransformation]
    public Credentials? Credential { get; set; }

    /// <inheritdoc />
    protected override Credentials? SourceCredential => Credential;
}
