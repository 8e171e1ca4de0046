using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace StsTools.PowerShell.Transformation;

/// <summary>
/// Lets -SecretKey and -SessionToken take a SecureString (what Read-Host -AsSecureString and
/// SecretManagement's Get-Secret return) as well as text. Without it PowerShell would bind the
/// SecureString's type name, "System.Security.SecureString", and the call would fail to sign.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        PSObjects.Unwrap(inputData) is SecureString secure ? Plain(secure) : inputData;

    internal static string Plain(SecureString secure)
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
