using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using StsTools.Validation;

namespace StsTools.PowerShell.Completion;

/// <summary>Completes from a fixed list of values.</summary>
public abstract class StaticCompleter : IArgumentCompleter
{
    /// <summary>The values offered.</summary>
    protected abstract IEnumerable<string> Values { get; }

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        // What was typed may already be quoted ('my pro...): match the text inside.
        var typed = (wordToComplete ?? string.Empty).TrimStart('\'', '"');
        return Values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                     .Select(v => new CompletionResult(Quoted(v), v, CompletionResultType.ParameterValue, v));
    }

    /// <summary>
    /// The value as PowerShell must read it back as exactly one argument: as it is when it holds
    /// nothing the parser treats specially, else single-quoted (a profile name from a config file
    /// such as <c>a$(Write-Host x)b</c> or <c>prod; Remove-Item ~</c> must never become code).
    /// </summary>
    internal static string Quoted(string value)
    {
        if (value.Length > 0 && value[0] != '-' && value.All(c => char.IsLetterOrDigit(c) || "-_.:/+=@,".IndexOf(c) >= 0) && value.IndexOf(',') < 0 && value[0] != '@')
            return value;
        var sb = new System.Text.StringBuilder("'");
        foreach (var c in value)
        {
            // PowerShell also ends a single-quoted string at the typographic single quotes.
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B') sb.Append(c);
            sb.Append(c);
        }
        return sb.Append('\'').ToString();
    }
}

/// <summary>Completes -TaskPolicyArn with the short names of the AWS-managed root task policies.</summary>
public sealed class RootTaskPolicyCompleter : StaticCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Values => RootTaskPolicies.Names;
}

/// <summary>Completes -SigningAlgorithm with RS256 and ES384.</summary>
public sealed class SigningAlgorithmCompleter : StaticCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Values => StsInputValidator.SigningAlgorithms;
}
