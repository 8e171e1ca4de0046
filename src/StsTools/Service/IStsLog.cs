namespace StsTools.Service;

/// <summary>
/// Where the engine reports progress. The cmdlet layer forwards to WriteVerbose/WriteDebug.
/// Nothing passed here ever contains a secret access key, session token or MFA code.
/// </summary>
public interface IStsLog
{
    /// <summary>A step the user may want to follow (which credentials, which endpoint).</summary>
    void Verbose(string message);

    /// <summary>Detail for troubleshooting (request ids, retry counts, status codes).</summary>
    void Debug(string message);

    /// <summary>Something the user should know although the call goes ahead (an unencrypted endpoint they allowed).</summary>
    void Warning(string message);

    /// <summary>
    /// A wait longer than about a second (a file lock another process holds), as it goes;
    /// <paramref name="completed"/> ends it. The cmdlets show it with Write-Progress.
    /// </summary>
    void Progress(string activity, string status, bool completed = false);
}

/// <summary>Discards everything.</summary>
public sealed class NullStsLog : IStsLog
{
    /// <summary>The single instance.</summary>
    public static NullStsLog Instance { get; } = new();

    /// <inheritdoc />
    public void Verbose(string message) { }

    /// <inheritdoc />
    public void Debug(string message) { }

    /// <inheritdoc />
    public void Warning(string message) { }

    /// <inheritdoc />
    public void Progress(string activity, string status, bool completed = false) { }
}
