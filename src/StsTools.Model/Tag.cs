namespace StsTools.Model;

/// <summary>A session tag, shaped like <c>TagTypeDef</c>.</summary>
public sealed class Tag
{
    /// <summary>Creates an empty tag (PowerShell converts <c>@{Key=..;Value=..}</c> through this).</summary>
    public Tag() { }

    /// <summary>Creates a tag.</summary>
    public Tag(string key, string value) { Key = key; Value = value; }

    /// <summary>The tag key.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The tag value.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary><c>Key=Value</c>.</summary>
    public override string ToString() => Key + "=" + Value;
}
