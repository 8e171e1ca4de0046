namespace StsTools.Requests;

/// <summary>The inputs of GetSessionToken, one member per field of <c>GetSessionTokenRequestTypeDef</c>.</summary>
public sealed class GetSessionTokenRequest
{
    /// <summary>Session duration, 900 to 129600 seconds.</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>The MFA device serial number or ARN.</summary>
    public string? SerialNumber { get; set; }

    /// <summary>The six-digit MFA code.</summary>
    public string? TokenCode { get; set; }
}
