using System;
using System.Management.Automation;
using StsTools.Errors;
using StsTools.Input;
using StsTools.Model;

namespace StsTools.PowerShell.Transformation;

// The argument transformations of the cmdlets, as conversions PowerShell itself performs
// (StsModule.types.ps1xml names these for the model types): a parameter of a Pester Mock keeps the
// cmdlet's parameter types but not its transformation attributes, so without them
// `-Tag @{ Project = 'Apollo' }` or `-Credential (Get-Credential)` fail to bind in a runbook's
// tests. The same code as the transformations, so the two never disagree.

/// <summary>Converts <c>@{Name='Value'}</c>, <c>'Name=Value'</c> and lists of them to <see cref="Tag"/> and <see cref="Tag"/>[].</summary>
public sealed class TagTypeConverter : PSTypeConverter
{
    /// <inheritdoc />
    public override bool CanConvertFrom(object sourceValue, Type destinationType) => TryConvert(sourceValue, destinationType, out _);

    /// <inheritdoc />
    public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        TryConvert(sourceValue, destinationType, out var result) ? result! : throw new PSInvalidCastException($"'{sourceValue}' cannot be used as a tag. Use @{{Name='Value'}}, 'Name=Value' or @{{Key='Name'; Value='Value'}}.");

    /// <inheritdoc />
    public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

    /// <inheritdoc />
    public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) => throw new NotSupportedException();

    private static bool TryConvert(object? source, Type destination, out object? result)
    {
        result = null;
        if (source is null) return false;
        try
        {
            var tags = TagConverter.Convert(source, PSObjects.Unwrap);
            if (destination == typeof(Tag[])) result = tags.ToArray();
            else if (destination == typeof(Tag) && tags.Count == 1) result = tags[0];
            return result is not null;
        }
        catch (StsValidationException)
        {
            return false;
        }
    }
}

/// <summary>
/// Converts a PSCredential (user name the access key id, password the secret), a response with a
/// Credentials property, a credentials-shaped object or hashtable, or one that came back from a
/// job, remoting or Import-Clixml, to <see cref="Credentials"/>.
/// </summary>
public sealed class CredentialsTypeConverter : PSTypeConverter
{
    /// <inheritdoc />
    public override bool CanConvertFrom(object sourceValue, Type destinationType) => Convert(sourceValue) is not null;

    /// <inheritdoc />
    public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        Convert(sourceValue) ?? throw new PSInvalidCastException("The value carries no credentials: pass a credentials object, a response with a Credentials property, or a PSCredential.");

    /// <inheritdoc />
    public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

    /// <inheritdoc />
    public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) => throw new NotSupportedException();

    private static Credentials? Convert(object? source)
    {
        if (source is null) return null;
        try
        {
            return CredentialsTransformationAttribute.ToCredentials(source);
        }
        catch (ArgumentTransformationMetadataException)
        {
            return null;
        }
    }
}
