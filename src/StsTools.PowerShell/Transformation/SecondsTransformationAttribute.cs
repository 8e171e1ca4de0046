using System;
using System.Globalization;
using System.Management.Automation;

namespace StsTools.PowerShell.Transformation;

/// <summary>
/// Lets a TimeSpan parameter take a number of seconds (<c>-Within 300</c>): PowerShell would
/// otherwise read a bare number as ticks. TimeSpans and 'hh:mm:ss' text pass through.
/// </summary>
public sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = PSObjects.Unwrap(inputData);
        switch (value)
        {
            case int or long or short or byte or uint or ulong:
                return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case double or float or decimal:
                return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                return TimeSpan.FromSeconds(seconds);
            default:
                return inputData;
        }
    }
}
