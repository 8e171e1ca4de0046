// A PowerShell host for tests that answers Prompt calls from a queue and records every prompt,
// so a test can count how many times the module asked for an MFA code (and see it never wrote
// one to the output). Compiled by New-AnsweringHost in TestHelpers.psm1.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace StsToolsTests
{
    public sealed class AnsweringUI : PSHostUserInterface
    {
        public Queue<string> Answers { get; } = new Queue<string>();
        public List<string> Captions { get; } = new List<string>();
        public List<string> Written { get; } = new List<string>();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            Captions.Add(caption);
            var result = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                var answer = Answers.Count > 0 ? Answers.Dequeue() : throw new InvalidOperationException("The test host has no answer left for: " + caption);
                if (field.ParameterTypeFullName == typeof(SecureString).FullName)
                {
                    var secure = new SecureString();
                    foreach (var c in answer) secure.AppendChar(c);
                    result[field.Name] = PSObject.AsPSObject(secure);
                }
                else result[field.Name] = PSObject.AsPSObject(answer);
            }
            return result;
        }

        public override PSHostRawUserInterface RawUI => null;
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Captions.Add(caption);
            return Answers.Count > 0 ? int.Parse(Answers.Dequeue(), CultureInfo.InvariantCulture) : defaultChoice;
        }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() => throw new NotSupportedException("ReadLine");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("ReadLineAsSecureString");
        public override void Write(string value) => Written.Add(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Written.Add(value);
        public override void WriteLine(string value) => Written.Add(value);
        public override void WriteErrorLine(string value) => Written.Add(value);
        public override void WriteDebugLine(string message) => Written.Add(message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) => Written.Add(message);
        public override void WriteWarningLine(string message) => Written.Add(message);
    }

    public sealed class AnsweringHost : PSHost
    {
        private readonly AnsweringUI _ui = new AnsweringUI();
        private readonly Guid _id = Guid.NewGuid();

        public AnsweringHost(params string[] answers)
        {
            foreach (var a in answers) _ui.Answers.Enqueue(a);
        }

        public AnsweringUI Answering => _ui;
        public override PSHostUserInterface UI => _ui;
        public override string Name => "StsToolsTestHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }
}
