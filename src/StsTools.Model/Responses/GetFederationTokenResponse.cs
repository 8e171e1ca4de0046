namespace StsTools.Model;

/// <summary>The result of GetFederationToken, shaped exactly like <c>GetFederationTokenResponseTypeDef</c>.</summary>
public sealed class GetFederationTokenResponse : ICredentialsResponse
{
    /// <summary>The temporary credentials of the federated user.</summary>
    public Credentials Credentials { get; set; } = new();
    /// <summary>The federated user's id and ARN.</summary>
    public FederatedUser FederatedUser { get; set; } = new();
    /// <summary>How full the packed session policies are, in percent of the limit.</summary>
    public int PackedPolicySize { get; set; }
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
