using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using StsTools.Errors;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// A program run by <c>Invoke-StsCommand -FilePath</c>, as <c>aws-vault exec</c> runs one: the
/// credentials in the child's own environment only (so runs in parallel runspaces never meet), its
/// standard output written down the pipeline line by line, its standard error shown on the host
/// and in transcripts (as the information records Write-Host makes), Ctrl+C ending it.
/// </summary>
internal sealed class ChildProgram : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<(bool Error, string Line)> _lines = new();
    private int _open = 2;

    public ChildProgram(string path, IReadOnlyList<string> arguments, IDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.Exists(workingDirectory) ? workingDirectory : System.Environment.CurrentDirectory,
        };
        AddArguments(start, arguments);
        start.Environment.Clear();
        foreach (var entry in environment) start.Environment[entry.Key] = entry.Value;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Add(false, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(true, e.Data);
    }

    /// <summary>
    /// The program's absolute path: a path (with a directory separator) relative to the current
    /// PowerShell location, or a name found the way PowerShell finds an application (PATH, never
    /// the current folder).
    /// </summary>
    public static string Resolve(PSCmdlet cmdlet, string filePath)
    {
        if (filePath.IndexOfAny(new[] { '/', '\\' }) >= 0)
        {
            var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(filePath);
            if (File.Exists(full)) return full;
        }
        else if (cmdlet.InvokeCommand.GetCommand(filePath, CommandTypes.Application) is ApplicationInfo app)
            return app.Path;
        cmdlet.ThrowTerminatingError(new ErrorRecord(
            new ItemNotFoundException($"No program '{filePath}' was found{(filePath.IndexOfAny(new[] { '/', '\\' }) >= 0 ? string.Empty : " on PATH")}. Give a program name on PATH or a path (./deploy.sh)."),
            ErrorIds.ProgramNotFound, ErrorCategory.ObjectNotFound, filePath));
        return null!; // not reached
    }

    /// <summary>Runs the program to its end, writing its lines on the pipeline thread; returns its exit code.</summary>
    public int Run(Cmdlet cmdlet)
    {
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"'{_process.StartInfo.FileName}' could not be started: {ex.Message}", ex),
                ErrorIds.ProgramNotStarted, ErrorCategory.InvalidOperation, _process.StartInfo.FileName));
        }
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        foreach (var (error, line) in _lines.GetConsumingEnumerable())
        {
            if (!error)
                cmdlet.WriteObject(line);
            else
                cmdlet.WriteInformation(new InformationRecord(new HostInformationMessage { Message = line, NoNewLine = false }, _process.StartInfo.FileName), new[] { "PSHOST", "Stderr" });
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Ctrl+C: ends the program (its output then ends, and <see cref="Run"/> returns).</summary>
    public void Stop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Not started, or already gone.
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        _lines.Dispose();
    }

    private void Add(bool error, string? line)
    {
        if (line is not null)
        {
            _lines.Add((error, line));
            return;
        }
        // Both streams closed: nothing more will come.
        if (System.Threading.Interlocked.Decrement(ref _open) == 0) _lines.CompleteAdding();
    }

    // Each argument as one argument: ProcessStartInfo.ArgumentList where the runtime has it
    // (.NET Core 2.1+, so PowerShell 7), else one command line quoted by the rules that
    // CommandLineToArgvW and the C runtime read back (Windows PowerShell 5.1).
    internal static void AddArguments(ProcessStartInfo start, IReadOnlyList<string> arguments)
    {
        if (typeof(ProcessStartInfo).GetProperty("ArgumentList")?.GetValue(start) is IList list)
        {
            foreach (var argument in arguments) list.Add(argument);
            return;
        }
        start.Arguments = string.Join(" ", arguments.Select(Quote));
    }

    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0) return argument;
        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\') { backslashes++; continue; }
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }
        quoted.Append('\\', backslashes * 2).Append('"');
        return quoted.ToString();
    }
}
