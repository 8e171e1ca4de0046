using System;

namespace StsTools.Model;

/// <summary>
/// Normalises the instants the module hands to PowerShell to local time.
/// </summary>
/// <remarks>
/// PowerShell's <c>Get-Date</c> is local and <see cref="DateTime"/> arithmetic ignores
/// <see cref="DateTime.Kind"/>, so a UTC <c>Expiration</c> minus <c>Get-Date</c> is off by the zone's
/// offset. <see cref="DateTimeOffset"/> would be exact but PowerShell cannot compare it with, or bind
/// it to, a <see cref="DateTime"/> (<c>-lt</c>, <c>New-TimeSpan -End</c> fail). Local time is what
/// AWS.Tools and the AWS SDK's own credentials give, and .NET keeps the ambiguous-hour flag of a
/// local time so <see cref="DateTime.ToUniversalTime"/> round-trips. Unspecified values are UTC, as
/// every STS and AWS CLI text is.
/// </remarks>
internal static class LocalTime
{
    /// <summary>The same instant as a local <see cref="DateTime"/>; <c>default</c> (unknown) stays default.</summary>
    public static DateTime From(DateTime value) => value == default ? default : value.Kind switch
    {
        DateTimeKind.Local => value,
        DateTimeKind.Utc => value.ToLocalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToLocalTime(),
    };
}
