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
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Values.Where(v => v.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
              .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
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
