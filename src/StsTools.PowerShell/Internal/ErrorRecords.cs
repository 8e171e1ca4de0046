using System;
using System.Management.Automation;
using StsTools.Errors;

namespace StsTools.PowerShell.Internal;

/// <summary>Builds ErrorRecords from engine exceptions: stable id, category and target.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(StsToolsException ex)
    {
        // StsErrorCategory names are PowerShell ErrorCategory names (a surface test checks it).
        var category = Enum.TryParse<ErrorCategory>(ex.Category.ToString(), out var c) ? c : ErrorCategory.NotSpecified;
        var record = new ErrorRecord(ex, ex.ErrorId, category, ex.TargetObject);
        if (ex is StsValidationException validation)
            record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = $"Correct the value of -{validation.ParameterName} and run the command again." };
        return record;
    }
}
