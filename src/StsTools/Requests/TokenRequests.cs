using System.Collections.Generic;
using StsTools.Model;

namespace StsTools.Requests;

/// <summary>The inputs of AssumeRoot, one member per field of <c>AssumeRootRequestTypeDef</c>.</summary>
public sealed class AssumeRootRequest
{
    /// <summary>The member account id (or its principal ARN) to act as root in.</summary>
    public string TargetPrincipal { get; set; } = string.Empty;

    /// <summary>The root task policy, as a full ARN or the short name of an AWS-managed root task policy.</summary>
    public PolicyDescriptorType TaskPolicyArn { get; set; } = new();

    /// <summary>Session duration, 0 to 900 seconds.</summary>
    public int? DurationSeconds { get; set; }
}

/// <summary>The inputs of GetDelegatedAccessToken (<c>GetDelegatedAccessTokenRequestTypeDef</c>).</summary>
public sealed class GetDelegatedAccessTokenRequest
{
    /// <summary>The trade-in token to exchange for credentials.</summary>
    public string TradeInToken { get; set; } = string.Empty;
}

/// <summary>The inputs of GetWebIdentityToken, one member per field of <c>GetWebIdentityTokenRequestTypeDef</c>.</summary>
public sealed class GetWebIdentityTokenRequest
{
    /// <summary>The intended recipients (1 to 10), the JWT's <c>aud</c> claim.</summary>
    public IList<string> Audience { get; set; } = new List<string>();

    /// <summary>RS256 or ES384.</summary>
    public string SigningAlgorithm { get; set; } = string.Empty;

    /// <summary>Token lifetime, 60 to 3600 seconds.</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>Tags to include in the JWT (at most 50).</summary>
    public IList<Tag> Tags { get; set; } = new List<Tag>();
}
