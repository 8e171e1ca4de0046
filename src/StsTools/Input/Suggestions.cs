using System;
using System.Collections.Generic;
using System.Linq;

namespace StsTools.Input;

/// <summary>"Did you mean ...?" for mistyped names (profiles, regions).</summary>
internal static class Suggestions
{
    /// <summary>The candidate nearest to <paramref name="typed"/> within <paramref name="maxDistance"/> edits, or null.</summary>
    public static string? Closest(IEnumerable<string> candidates, string typed, int maxDistance = 2) =>
        candidates.Select(n => (Name: n, Distance: Distance(n, typed))).Where(c => c.Distance <= maxDistance)
            .OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();

    // Levenshtein distance, case-insensitive: prdo -> prod is 2.
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
