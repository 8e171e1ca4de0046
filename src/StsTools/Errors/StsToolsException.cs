using System;

namespace StsTools.Errors;

/// <summary>
/// Every failure the engine reports. The cmdlet layer turns it into an ErrorRecord with
/// <see cref="ErrorId"/>, <see cref="Category"/> and <see cref="TargetObject"/>.
/// Messages never contain a secret access key or session token.
/// </summary>
public class StsToolsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StsToolsException(string errorId, StsErrorCategory category, string message, object? targetObject = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = category;
        TargetObject = targetObject;
    }

    /// <summary>A stable identifier: the STS error code for service errors, a fixed name otherwise.</summary>
    public string ErrorId { get; }

    /// <summary>The kind of failure.</summary>
    public StsErrorCategory Category { get; }

    /// <summary>What the failure is about (the role ARN, the parameter value, the endpoint).</summary>
    public object? TargetObject { get; }
}

/// <summary>An input was rejected before any network call.</summary>
public sealed class StsValidationException : StsToolsException
{
    /// <summary>Creates the exception.</summary>
    public StsValidationException(string errorId, string parameterName, string message, object? targetObject = null, StsErrorCategory category = StsErrorCategory.InvalidArgument)
        : base(errorId, category, message, targetObject)
    {
        ParameterName = parameterName;
    }

    /// <summary>The parameter whose value was rejected.</summary>
    public string ParameterName { get; }
}

/// <summary>STS answered with an error.</summary>
public sealed class StsServiceException : StsToolsException
{
    /// <summary>Creates the exception.</summary>
    public StsServiceException(string errorCode, StsErrorCategory category, string message, object? targetObject, string? requestId, int httpStatusCode, Exception? innerException = null)
        : base(errorCode, category, message, targetObject, innerException)
    {
        RequestId = requestId;
        HttpStatusCode = httpStatusCode;
    }

    /// <summary>The request id STS gave the failed call.</summary>
    public string? RequestId { get; }

    /// <summary>The HTTP status code of the error response.</summary>
    public int HttpStatusCode { get; }
}
