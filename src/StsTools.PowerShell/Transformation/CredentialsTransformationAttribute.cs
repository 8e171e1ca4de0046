using System.Management.Automation;
using StsTools.Errors;
using StsTools.Input;
using StsTools.Model;

namespace StsTools.PowerShell.Transformation;

/// <summary>
/// Lets -Credential take any credentials-shaped object: this module's, AWS.Tools'
/// (Amazon.SecurityToken.Model.Credentials), a response that has a Credentials property,
/// objects brought back by ConvertFrom-Json / Import-Clixml, or a PSCredential whose user name is
/// the access key id and whose password is the secret access key (Get-Credential,
/// SecretManagement's Get-Secret), so that no secret needs to be typed on a command line.
/// </summary>
public sealed class CredentialsTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>
    /// The credentials a piped object carries, by the same rules as a -Credential argument (for
    /// parameters that take the whole object, such as -InputObject); null when it carries none.
    /// </summary>
    internal static Credentials? ToCredentials(object input) => new CredentialsTransformationAttribute().Transform(null!, input) as Credentials;

    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = PSObjects.Unwrap(inputData);
        // PowerShell's own text for null names an internal argument ("obj"); say what happened.
        if (value is null)
            throw new ArgumentTransformationMetadataException(
                "There are no credentials: the value is $null. Did the command that was to produce them fail, or return nothing? Pass a credentials object, a response with a Credentials property, or a PSCredential.");
        if (value is Credentials) return value;
        if (value is PSCredential pscredential)
            return new Credentials { AccessKeyId = pscredential.UserName.TrimStart('\\'), SecretAccessKey = pscredential.GetNetworkCredential().Password };
        try
        {
            var read = PSObjects.PropertyReader(inputData);
            if (read("Credentials") is { } inner && inner is not string)
            {
                if (inner is Credentials c) return c;
                read = PSObjects.PropertyReader(inner);
            }
            return CredentialsConverter.FromProperties(read) ?? inputData;
        }
        catch (StsValidationException ex)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }
}
