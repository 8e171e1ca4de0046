using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace StsTools.Profiles;

/// <summary>
/// The AWS shared config/credentials INI format, edited line by line so that every other
/// profile, comment and blank line survives a change untouched.
/// </summary>
public sealed class IniDocument
{
    private readonly List<string> _lines;
    private readonly string _newline;

    private IniDocument(List<string> lines, string newline)
    {
        _lines = lines;
        _newline = newline;
    }

    /// <summary>Parses text (any line endings; the first one found is kept for writing).</summary>
    public static IniDocument Parse(string text)
    {
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return new IniDocument(lines, newline);
    }

    /// <summary>Reads a file; a missing file is an empty document.</summary>
    public static IniDocument Load(string path) => File.Exists(path) ? Parse(Storage.BoundedFile.ReadAllText(path, Storage.BoundedFile.SharedFileLimit, "AWS config or credentials file")) : Parse(string.Empty);

    /// <summary>The section names, as written between brackets.</summary>
    public IEnumerable<string> Sections => _lines.Select(SectionName).Where(n => n is not null).Select(n => n!);

    /// <summary>The key/value pairs of a section (keys lower-cased), or null when there is no such section.</summary>
    public IReadOnlyDictionary<string, string>? Get(string section)
    {
        var start = FindSection(section);
        if (start < 0) return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = start + 1; i < _lines.Count && SectionName(_lines[i]) is null; i++)
            if (KeyOf(_lines[i]) is { } key && !values.ContainsKey(key)) values[key] = ValueOf(_lines[i]);
        return values;
    }

    /// <summary>
    /// Sets <paramref name="values"/> in <paramref name="section"/> (creating it at the end), removes
    /// the keys in <paramref name="remove"/>, and leaves every other line as it was.
    /// </summary>
    public void Set(string section, IReadOnlyList<KeyValuePair<string, string>> values, IEnumerable<string> remove)
    {
        var start = FindSection(section);
        if (start < 0)
        {
            if (_lines.Count > 0 && _lines[_lines.Count - 1].Trim().Length > 0) _lines.Add(string.Empty);
            _lines.Add("[" + section + "]");
            foreach (var kv in values) _lines.Add(kv.Key + " = " + kv.Value);
            return;
        }
        var pending = values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        var removeSet = new HashSet<string>(remove, StringComparer.OrdinalIgnoreCase);
        var end = start + 1;
        while (end < _lines.Count && SectionName(_lines[end]) is null) end++;
        for (var i = end - 1; i > start; i--)
        {
            var key = KeyOf(_lines[i]);
            if (key is null) continue;
            if (removeSet.Contains(key)) { _lines.RemoveAt(i); end--; }
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = start + 1; i < end; i++)
        {
            var key = KeyOf(_lines[i]);
            if (key is null || !pending.ContainsKey(key)) continue;
            if (seen.Add(key)) _lines[i] = key + " = " + pending[key];
            else { _lines.RemoveAt(i); i--; end--; }
        }
        // New keys go after the section's last non-blank line.
        var insertAt = end;
        while (insertAt - 1 > start && _lines[insertAt - 1].Trim().Length == 0) insertAt--;
        foreach (var kv in values.Where(kv => !seen.Contains(kv.Key)))
            _lines.Insert(insertAt++, kv.Key + " = " + kv.Value);
    }

    /// <summary>The document as text, with the line endings it was read with.</summary>
    public override string ToString() => _lines.Count == 0 ? string.Empty : string.Join(_newline, _lines) + _newline;

    private int FindSection(string section)
    {
        for (var i = 0; i < _lines.Count; i++)
            if (SectionName(_lines[i]) == section) return i;
        return -1;
    }

    private static string? SectionName(string line)
    {
        var t = line.Trim();
        return t.Length > 2 && t[0] == '[' && t[t.Length - 1] == ']' ? t.Substring(1, t.Length - 2).Trim() : null;
    }

    private static string? KeyOf(string line)
    {
        var t = line.TrimStart();
        if (t.Length == 0 || t[0] == '#' || t[0] == ';' || t[0] == '[') return null;
        var eq = t.IndexOf('=');
        return eq <= 0 ? null : t.Substring(0, eq).Trim();
    }

    private static string ValueOf(string line)
    {
        var eq = line.IndexOf('=');
        return line.Substring(eq + 1).Trim();
    }
}
