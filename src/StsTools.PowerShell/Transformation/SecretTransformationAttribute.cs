using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace StsTools.PowerShell.Transformation;

/// <summary>
/// Lets -SecretKey and -SessionToken, which are SecureStrings, take text as well. A SecureString
/// (what Read-Host -AsSecureString and SecretManagement's Get-Secret return) stays one through
/// binding, so that module logging (event 4103, syslog) and Trace-Command ParameterBinding record
/// its type name, never the secret; the cmdlet reads it as text only when it builds the call.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        PSObjects.Unwrap(inputData) switch
        {
            null => null!,
            SecureString secure => secure,
            var text => Secure(text.ToString() ?? string.Empty),
        };

    internal static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>The text of a secret, read at the moment the call that signs with it is built.</summary>
    internal static string? Plain(SecureString? secure)
    {
        if (secure is null) return null;
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
