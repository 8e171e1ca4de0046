namespace StsTools.Model;

/// <summary>A trusted context assertion, shaped like <c>ProvidedContextTypeDef</c>.</summary>
public sealed class ProvidedContext
{
    /// <summary>The context provider ARN.</summary>
    public string? ProviderArn { get; set; }

    /// <summary>The signed context assertion.</summary>
    public string? ContextAssertion { get; set; }

    /// <summary>The provider ARN.</summary>
    public override string ToString() => ProviderArn ?? string.Empty;
}
