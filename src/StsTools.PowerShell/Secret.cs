using System;
using System.Runtime.InteropServices;
using System.Security;

namespace StsTools.PowerShell;

/// <summary>
/// What -SecretKey and -SessionToken hold: a SecureString (Read-Host -AsSecureString,
/// SecretManagement's Get-Secret) kept as one, or text made into one as it binds. PowerShell finds
/// the two constructors itself, so both forms bind to the cmdlets and to a Pester Mock of them
/// alike (a Mock keeps parameter types, not argument transformations). The text is read only when
/// the call that signs with it is built; logging and binding traces see <see cref="ToString"/>.
/// </summary>
public sealed class Secret
{
    private readonly SecureString _value;

    /// <summary>Keeps a SecureString as it is.</summary>
    public Secret(SecureString value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Makes text into a read-only SecureString at once.</summary>
    public Secret(string text)
    {
        _value = new SecureString();
        foreach (var c in text ?? throw new ArgumentNullException(nameof(text))) _value.AppendChar(c);
        _value.MakeReadOnly();
    }

    /// <summary>The secret as the SecureString it was given as, or was made into.</summary>
    public SecureString SecureString => _value;

    /// <summary>Never the secret: what module logging and Trace-Command record for it.</summary>
    public override string ToString() => "(secret)";

    /// <summary>The text of a secret, read at the moment the call that signs with it is built.</summary>
    internal static string? Reveal(Secret? secret) => secret is null ? null : Reveal(secret._value);

    /// <summary>The text of a SecureString (a host prompt's answer), freed from unmanaged memory at once.</summary>
    internal static string Reveal(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
