using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime.CredentialManagement;

namespace StsTools.Input;

/// <summary>The profile names in the shared config and credentials files, for tab completion.</summary>
public static class ProfileNames
{
    /// <summary>Every profile name, sorted; empty when the files are missing or unreadable.</summary>
    public static IReadOnlyList<string> List()
    {
        try
        {
            return new CredentialProfileStoreChain().ListProfiles().Select(p => p.Name).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Array.Empty<string>(); // completion must never throw at the user
        }
    }
}
