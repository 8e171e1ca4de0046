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
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = PSObjects.Unwrap(inputData);
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
