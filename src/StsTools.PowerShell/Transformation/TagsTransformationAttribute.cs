using System.Management.Automation;
using StsTools.Errors;
using StsTools.Input;

namespace StsTools.PowerShell.Transformation;

/// <summary>Lets -Tag take <c>@{Name='Value'}</c>, <c>'Name=Value'</c> or tag objects.</summary>
public sealed class TagsTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        try
        {
            return TagConverter.Convert(inputData, PSObjects.Unwrap).ToArray();
        }
        catch (StsValidationException ex)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }
}
