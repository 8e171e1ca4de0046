namespace StsTools.Requests;

/// <summary>The inputs of GetDelegatedAccessToken (<c>GetDelegatedAccessTokenRequestTypeDef</c>).</summary>
public sealed class GetDelegatedAccessTokenRequest
{
    /// <summary>The trade-in token to exchange for credentials.</summary>
    public string TradeInToken { get; set; } = string.Empty;
}
