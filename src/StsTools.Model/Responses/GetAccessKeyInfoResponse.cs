namespace StsTools.Model;

/// <summary>The result of GetAccessKeyInfo, shaped exactly like <c>GetAccessKeyInfoResponseTypeDef</c>.</summary>
public sealed class GetAccessKeyInfoResponse
{
    /// <summary>The account that owns the access key.</summary>
    public string Account { get; set; } = string.Empty;
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
