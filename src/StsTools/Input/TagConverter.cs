using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using StsTools.Errors;
using StsTools.Model;

namespace StsTools.Input;

/// <summary>
/// Turns what a PowerShell user naturally types into session tags: <c>@{Project='x'; Team='y'}</c>
/// (each entry a tag), <c>@{Key='Project'; Value='x'}</c> (one tag object), <c>'Project=x'</c>,
/// <see cref="Tag"/> objects, or a list of any of these.
/// </summary>
public static class TagConverter
{
    /// <summary>
    /// Converts <paramref name="input"/>; <paramref name="normalize"/> lets the host unwrap its own
    /// wrapper objects (PowerShell's PSObject) into plain objects or dictionaries first.
    /// </summary>
    public static List<Tag> Convert(object? input, Func<object, object>? normalize = null)
    {
        var tags = new List<Tag>();
        Add(tags, input, normalize ?? (o => o), depth: 0);
        return tags;
    }

    private static void Add(List<Tag> tags, object? input, Func<object, object> normalize, int depth)
    {
        if (input is null) return;
        input = normalize(input);
        switch (input)
        {
            case Tag tag:
                tags.Add(tag);
                return;
            case string text:
                tags.Add(FromString(text));
                return;
            case IDictionary dictionary:
                AddDictionary(tags, dictionary);
                return;
            case IEnumerable sequence when depth == 0:
                foreach (var item in sequence) Add(tags, item, normalize, depth + 1);
                return;
        }
        throw Invalid($"A value of type {input.GetType().Name} cannot be used as a tag. Use @{{Name='Value'}}, 'Name=Value' or @{{Key='Name'; Value='Value'}}.");
    }

    private static void AddDictionary(List<Tag> tags, IDictionary dictionary)
    {
        // @{Key='k'; Value='v'} is one tag object, not two tags named Key and Value.
        if (dictionary.Count == 2 && TryGet(dictionary, "Key", out var key) && TryGet(dictionary, "Value", out var value))
        {
            tags.Add(new Tag(Text(key), Text(value)));
            return;
        }
        foreach (DictionaryEntry entry in dictionary)
            tags.Add(new Tag(Text(entry.Key), Text(entry.Value)));
    }

    private static Tag FromString(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw Invalid($"'{text}' is not a tag: write it as Name=Value.");
        return new Tag(text.Substring(0, eq), text.Substring(eq + 1));
    }

    private static bool TryGet(IDictionary dictionary, string name, out object? value)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            if (string.Equals(entry.Key as string, name, StringComparison.OrdinalIgnoreCase))
            {
                value = entry.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    private static string Text(object? value) => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static StsValidationException Invalid(string message) => new(ErrorIds.InvalidTag, "Tags", message, null);
}
