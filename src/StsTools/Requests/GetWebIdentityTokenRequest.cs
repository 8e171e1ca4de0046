using System.Collections.Generic;
using StsTools.Model;

namespace StsTools.Requests;

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
