using StsTools.Errors;
using StsTools.Model;

namespace StsTools.Storage;

/// <summary>
/// The shape every credential value must have before the module writes it anywhere (the shared
/// credentials file, the environment, exported JSON, credential_process output) and when it reads
/// one from a file or an object: an access key id of 16 to 128 upper-case letters and digits, a
/// secret access key and session token of printable ASCII. Why: a value with a line break written
/// into ~/.aws/credentials adds lines of the attacker's choosing (a [default] section with a
/// credential_process that every AWS SDK then runs); no real AWS credential has one.
/// </summary>
public static class CredentialValues
{
    /// <summary>Throws <c>InvalidCredentialValue</c> (naming the field, never the value) unless every value is well-formed.</summary>
    /// <param name="credentials">The credentials to check.</param>
    /// <param name="action">What was about to happen, for the message: "written to '...'", "put into the environment".</param>
    public static void Check(Credentials credentials, string action)
    {
        if (Problem(credentials) is { } problem)
            throw new StsValidationException(ErrorIds.InvalidCredentialValue, problem.Field,
                $"The {problem.Field} of the credentials {(IsAccessKeyId(credentials.AccessKeyId) ? credentials.AccessKeyId + " " : string.Empty)}{problem.Why}, so they were not {action}. Real AWS credentials never look like this: check where they came from.",
                IsAccessKeyId(credentials.AccessKeyId) ? credentials.AccessKeyId : null, StsErrorCategory.InvalidData);
    }

    /// <summary>The first malformed value (its field and what is wrong, never the value itself), or null when all are well-formed.</summary>
    public static (string Field, string Why)? Problem(Credentials credentials)
    {
        if (credentials is null) throw new System.ArgumentNullException(nameof(credentials));
        if (!IsAccessKeyId(credentials.AccessKeyId)) return ("AccessKeyId", "is not 16 to 128 upper-case letters and digits");
        if (string.IsNullOrEmpty(credentials.SecretAccessKey)) return ("SecretAccessKey", "is empty");
        if (BadCharacter(credentials.SecretAccessKey) is { } secretAt) return ("SecretAccessKey", $"holds a character that is not printable ASCII (at position {secretAt + 1})");
        if (BadCharacter(credentials.SessionToken ?? string.Empty) is { } tokenAt) return ("SessionToken", $"holds a character that is not printable ASCII (at position {tokenAt + 1})");
        return null;
    }

    /// <summary>True for <c>^[A-Z0-9]{16,128}$</c>, the documented shape of an access key id.</summary>
    public static bool IsAccessKeyId(string? value)
    {
        if (value is null || value.Length < 16 || value.Length > 128) return false;
        foreach (var c in value)
            if (!(c is >= 'A' and <= 'Z' || c is >= '0' and <= '9')) return false;
        return true;
    }

    // The index of the first character outside printable ASCII (space to tilde), or null.
    private static int? BadCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
            if (value[i] < ' ' || value[i] > '~') return i;
        return null;
    }
}
