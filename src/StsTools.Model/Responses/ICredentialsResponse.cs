namespace StsTools.Model;

/// <summary>Implemented by every response that carries temporary credentials.</summary>
public interface ICredentialsResponse
{
    /// <summary>The temporary credentials.</summary>
    Credentials Credentials { get; }
}
