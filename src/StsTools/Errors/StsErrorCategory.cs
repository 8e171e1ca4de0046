namespace StsTools.Errors;

/// <summary>
/// The kind of failure. Every name is also a member of PowerShell's <c>ErrorCategory</c>, so the
/// cmdlet layer maps it by name (a surface test holds that true) while the engine stays free of
/// System.Management.Automation.
/// </summary>
public enum StsErrorCategory
{
    /// <summary>No better category fits.</summary>
    NotSpecified,
    /// <summary>An input value is malformed or out of range.</summary>
    InvalidArgument,
    /// <summary>Data read from a file or the service is malformed.</summary>
    InvalidData,
    /// <summary>The inputs conflict or the operation is not possible in this state.</summary>
    InvalidOperation,
    /// <summary>The caller's credentials were rejected or could not be found.</summary>
    AuthenticationError,
    /// <summary>The caller is authenticated but not allowed.</summary>
    PermissionDenied,
    /// <summary>A named thing (a profile, a file) does not exist.</summary>
    ObjectNotFound,
    /// <summary>The service is not answering properly right now.</summary>
    ResourceUnavailable,
    /// <summary>The endpoint could not be reached.</summary>
    ConnectionError,
    /// <summary>The call did not finish in time.</summary>
    OperationTimeout,
    /// <summary>A size or rate limit was hit.</summary>
    LimitsExceeded,
    /// <summary>The feature is switched off (for example a disabled region).</summary>
    NotEnabled,
    /// <summary>The response did not follow the protocol.</summary>
    ProtocolError,
    /// <summary>A file could not be written.</summary>
    WriteError,
    /// <summary>Refused for security: an unencrypted endpoint, a folder others control.</summary>
    SecurityError,
}
