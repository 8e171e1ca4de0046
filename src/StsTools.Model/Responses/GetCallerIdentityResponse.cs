namespace StsTools.Model;

/// <summary>The result of GetCallerIdentity, shaped exactly like <c>GetCallerIdentityResponseTypeDef</c>.</summary>
public sealed class GetCallerIdentityResponse
{
    /// <summary>The unique id of the calling entity.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The AWS account id that owns the calling entity.</summary>
    public string Account { get; set; } = string.Empty;

    /// <summary>The ARN of the calling entity.</summary>
    public string Arn { get; set; } = string.Empty;

    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
