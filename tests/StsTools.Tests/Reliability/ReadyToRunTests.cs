using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>
/// The ReadyToRun images the build ships beside the plain assemblies: there for every .NET major
/// version pwsh runs on, really precompiled, built from the current assemblies, and picked by the
/// module's loader for the running runtime, with the plain assemblies as the fallback.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class ReadyToRunTests : IClassFixture<MotoServer>
{
    private static readonly string Bin = Path.Combine(TestEnvironment.RepoRoot, "bin");
    private static readonly string[] Shipped = { "StsTools.dll", "AWSSDK.Core.dll", "AWSSDK.SecurityToken.dll" };
    private readonly MotoServer _moto;

    public ReadyToRunTests(MotoServer moto) => _moto = moto;

    private static string Platform
    {
        get
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
            return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        }
    }

    private static string FolderFor(int major) => Path.Combine(Bin, "Dependencies", "ReadyToRun", $"net{major}.0-{Platform}");

    private static (bool ReadyToRun, Guid Mvid) Inspect(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var precompiled = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
        return (precompiled, metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void Images_for_each_pwsh_runtime_are_precompiled_copies_of_the_current_assemblies(int major)
    {
        foreach (var name in Shipped)
        {
            var image = Path.Combine(FolderFor(major), name);
            Assert.True(File.Exists(image), image + " is missing");
            var (precompiled, mvid) = Inspect(image);
            Assert.True(precompiled, image + " has no ReadyToRun code");
            // Same module version id as the plain copy: compiled from this build, not left over from an older one.
            Assert.Equal(Inspect(Path.Combine(Bin, "Dependencies", name)).Mvid, mvid);
            Assert.False(Inspect(Path.Combine(Bin, "Dependencies", name)).ReadyToRun, "the fallback must stay plain IL");
        }
    }

    // READYTORUN_FLAG_UNRELATED_R2R_CODE: the image holds code for generics defined elsewhere
    // (the framework's, over our types), which the runtime then looks for in it.
    private const uint UnrelatedCodeFlag = 0x80;

    private static uint ReadyToRunFlags(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var header = pe.GetSectionData(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.RelativeVirtualAddress).GetReader();
        Assert.Equal(0x00525452u, header.ReadUInt32()); // "RTR"
        header.ReadUInt16(); // major
        header.ReadUInt16(); // minor
        return header.ReadUInt32();
    }

    // Only the .NET 10 images (ReadyToRunCrossModuleMajors): the runtime these tests run them on.
    [Theory]
    [InlineData(8, false)]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void The_images_for_NET_10_hold_the_framework_generic_code_the_module_runs(int major, bool crossModule)
    {
        foreach (var name in Shipped)
            Assert.True(((ReadyToRunFlags(Path.Combine(FolderFor(major), name)) & UnrelatedCodeFlag) != 0) == crossModule,
                $"{name} for .NET {major}: cross-module generics (--opt-cross-module, --non-local-generics-module) expected {crossModule}");
    }

    private static string[] Jitted(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("jitted ", StringComparison.Ordinal)).Select(l => l.Substring(7)).ToArray();

    // The async state machine boxes of our own pipeline handler and of the SDK's retry handler: framework
    // generics only the ReadyToRun profile (src/StsTools.ReadyToRunProfile) gets precompiled.
    private static bool IsProfiledBoxMoveNext(string method) =>
        method.Contains("AsyncStateMachineBox", StringComparison.Ordinal) && method.EndsWith("::MoveNext", StringComparison.Ordinal) &&
        (method.Contains("StsTools.Connection.ExchangeCaptureHandler+<InvokeAsync>", StringComparison.Ordinal) ||
         method.Contains("Amazon.Runtime.Internal.RetryHandler+<InvokeAsync>", StringComparison.Ordinal));

    [Fact]
    public void The_first_call_runs_the_async_plumbing_of_the_engine_and_the_SDK_precompiled()
    {
        var (code, output) = Probe(Bin, new Dictionary<string, string?> { ["STS_PROBE_JIT"] = "1" });
        Assert.True(code == 0, output);
        var jitted = Jitted(output);
        Assert.NotEmpty(jitted); // the recorder saw the JIT at work (the probe's own code)
        Assert.DoesNotContain(jitted, IsProfiledBoxMoveNext);

        // The control: the same boxes are JIT-compiled when the plain assemblies run.
        var (plainCode, plainOutput) = Probe(Bin, new Dictionary<string, string?> { ["STS_PROBE_JIT"] = "1", ["STSMODULE_READYTORUN"] = "0" });
        Assert.True(plainCode == 0, plainOutput);
        Assert.Contains(Jitted(plainOutput), IsProfiledBoxMoveNext);
    }

    private (int Code, string Out) Probe(string bin, IDictionary<string, string?>? environment = null) =>
        IsolationProbe.Run(bin, _moto.Endpoint, "isolated", environment);

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(prefix, StringComparison.Ordinal)).Substring(prefix.Length);

    [Fact]
    public void The_loader_loads_the_images_for_the_running_runtime()
    {
        var (code, output) = Probe(Bin);
        Assert.True(code == 0, output);
        Assert.Equal(Path.Combine(FolderFor(Environment.Version.Major), "StsTools.dll"), Line(output, "engine image "));
        Assert.Equal(Path.Combine(FolderFor(Environment.Version.Major), "AWSSDK.Core.dll"), Line(output, "sdk image "));
        Assert.Contains("arn arn:aws:sts::123456789012:user/moto", output);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    public void STSMODULE_READYTORUN_off_loads_the_plain_assemblies(string setting)
    {
        var (code, output) = Probe(Bin, new Dictionary<string, string?> { ["STSMODULE_READYTORUN"] = setting });
        Assert.True(code == 0, output);
        Assert.Equal(Path.Combine(Bin, "Dependencies", "StsTools.dll"), Line(output, "engine image "));
        Assert.Equal(Path.Combine(Bin, "Dependencies", "AWSSDK.Core.dll"), Line(output, "sdk image "));
    }

    [Fact]
    public void Without_images_for_this_runtime_the_plain_assemblies_load_and_work()
    {
        // A module built for other platforms only: this runtime's folder is absent, and one other
        // folder holds nothing but a partial set, which must not be used for what it lacks.
        var copy = Path.Combine(TestEnvironment.Sandbox, "r2r-" + Guid.NewGuid().ToString("n"), "bin");
        CopyDirectory(Bin, copy);
        Directory.Delete(Path.Combine(copy, "Dependencies", "ReadyToRun", $"net{Environment.Version.Major}.0-{Platform}"), recursive: true);
        var (code, output) = Probe(copy);
        Assert.True(code == 0, output);
        Assert.Equal(Path.Combine(copy, "Dependencies", "StsTools.dll"), Line(output, "engine image "));
        Assert.Contains("arn arn:aws:sts::123456789012:user/moto", output);
    }

    [Fact]
    public void A_partial_image_set_is_used_only_for_what_it_holds()
    {
        var copy = Path.Combine(TestEnvironment.Sandbox, "r2r-" + Guid.NewGuid().ToString("n"), "bin");
        CopyDirectory(Bin, copy);
        var folder = Path.Combine(copy, "Dependencies", "ReadyToRun", $"net{Environment.Version.Major}.0-{Platform}");
        File.Delete(Path.Combine(folder, "AWSSDK.Core.dll"));
        var (code, output) = Probe(copy);
        Assert.True(code == 0, output);
        Assert.Equal(Path.Combine(folder, "StsTools.dll"), Line(output, "engine image "));
        Assert.Equal(Path.Combine(copy, "Dependencies", "AWSSDK.Core.dll"), Line(output, "sdk image "));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from)) CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
