using System.Management.Automation;

namespace StsTools.PowerShell.Transformation;

/// <summary>
/// Lets an access key id come from any credentials object or response that carries one, so
/// <c>Use-StsRole ... | Get-StsAccessKeyInfo</c> and <c>$creds | Get-StsAccessKeyInfo</c> work.
/// </summary>
public sealed class AccessKeyIdTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        if (PSObjects.Unwrap(inputData) is string) return inputData;
        var read = PSObjects.PropertyReader(inputData);
        if (read("AccessKeyId") is string direct) return direct;
        if (read("Credentials") is { } credentials && PSObjects.PropertyReader(credentials)("AccessKeyId") is string nested) return nested;
        return inputData;
    }
}
