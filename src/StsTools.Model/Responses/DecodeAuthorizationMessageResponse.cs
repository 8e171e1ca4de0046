namespace StsTools.Model;

/// <summary>The result of DecodeAuthorizationMessage, shaped exactly like <c>DecodeAuthorizationMessageResponseTypeDef</c>.</summary>
public sealed class DecodeAuthorizationMessageResponse
{
    /// <summary>The decoded authorization failure details, as JSON text.</summary>
    public string DecodedMessage { get; set; } = string.Empty;
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
