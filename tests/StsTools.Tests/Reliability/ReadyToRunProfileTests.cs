using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StsTools.ReadyToRunProfile;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>
/// The profile writer the ReadyToRun build runs (src/StsTools.ReadyToRunProfile): it must name the
/// async state machine box of every async method of an assembly, closed over types its
/// constraints accept, in the file format crossgen2 reads.
/// </summary>
public sealed class ReadyToRunProfileTests
{
    private static readonly string Dependencies = Path.Combine(TestEnvironment.RepoRoot, "bin", "Dependencies");

    // The running runtime's framework stands in for a runtime pack: the same metadata.
    private static ProfileUniverse Universe() => new(RuntimeEnvironment.GetRuntimeDirectory(), Dependencies);

    [Fact]
    public void Every_async_method_of_the_engine_has_its_box_in_the_profile()
    {
        using var universe = Universe();
        var methods = AsyncBoxes.For(universe, universe.Load("StsTools"));
        var boxed = methods.Select(m => m.DeclaringType!.GetGenericArguments()[1])
            .Select(sm => sm.IsGenericType ? sm.GetGenericTypeDefinition().FullName : sm.FullName).ToHashSet();
        var stateMachines = typeof(StsTools.Service.StsService).Assembly.GetTypes()
            .Where(t => typeof(IAsyncStateMachine).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.NotEmpty(stateMachines);
        Assert.All(stateMachines, sm => Assert.Contains(sm, boxed));
        // Each box with the methods the runtime calls through its interface.
        Assert.All(methods.GroupBy(m => m.DeclaringType), box => Assert.Contains(box, m => m.Name == "MoveNext"));
    }

    [Fact]
    public void A_generic_async_method_is_closed_over_a_type_its_constraints_accept()
    {
        using var universe = Universe();
        var box = AsyncBoxes.For(universe, universe.Load("StsTools")).Select(m => m.DeclaringType!)
            .First(t => t.GetGenericArguments()[1].FullName!.StartsWith("StsTools.Caching.CredentialCache+<GetOrFetchAsync>", StringComparison.Ordinal));
        var argument = box.GetGenericArguments()[1].GetGenericArguments().Single();
        // GetOrFetchAsync<T> where T : class, ICredentialsResponse: object would not do.
        Assert.Contains(argument.GetInterfaces(), i => i.FullName == "StsTools.Model.ICredentialsResponse");
        Assert.True(argument.IsClass && !argument.IsAbstract);
    }

    [Fact]
    public void The_profile_file_has_the_shape_crossgen2_reads()
    {
        using var universe = Universe();
        var methods = AsyncBoxes.For(universe, universe.Load("StsTools"));
        var path = Path.Combine(TestEnvironment.Sandbox, "profile-" + Guid.NewGuid().ToString("n") + ".mibc");
        var written = MibcWriter.Write(universe, "StsTools", methods, path);
        Assert.Equal(methods.Count, written);

        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        // The global method AssemblyDictionary: ldstr group; ldtoken group method; pop; ret.
        var dictionary = md.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1)).GetMethods().Select(md.GetMethodDefinition)
            .Single(m => md.GetString(m.Name) == "AssemblyDictionary");
        var entries = Instructions(pe, dictionary);
        Assert.Equal(new[] { ILOpCode.Ldstr, ILOpCode.Ldtoken, ILOpCode.Pop, ILOpCode.Ret }, entries.Select(i => i.OpCode));
        Assert.Equal("StsTools", md.GetUserString(MetadataTokens.UserStringHandle(entries[0].Operand)));
        var group = md.GetMethodDefinition(MetadataTokens.MethodDefinitionHandle(entries[1].Operand));

        // The group: ldtoken method; pop, once per method; every token a reference to a box method.
        var body = Instructions(pe, group);
        Assert.Equal(ILOpCode.Ret, body[^1].OpCode);
        var tokens = body.Where(i => i.OpCode == ILOpCode.Ldtoken).Select(i => i.Operand).ToList();
        Assert.Equal(written, tokens.Count);
        Assert.Equal(written, body.Count(i => i.OpCode == ILOpCode.Pop));
        var names = tokens.Select(t => MetadataTokens.EntityHandle(t)).Select(h => MemberName(md, h)).ToList();
        const string Box = "System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1+AsyncStateMachineBox`1<";
        Assert.Contains(names, n => n.StartsWith(Box, StringComparison.Ordinal) && n.Contains("StsTools.Connection.ExchangeCaptureHandler+<InvokeAsync>", StringComparison.Ordinal) && n.EndsWith("::MoveNext", StringComparison.Ordinal));
        Assert.All(names, n => Assert.StartsWith(Box, n));
    }

    private static List<(ILOpCode OpCode, int Operand)> Instructions(PEReader pe, MethodDefinition method)
    {
        var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
        var result = new List<(ILOpCode, int)>();
        while (il.RemainingBytes > 0)
        {
            var op = (ILOpCode)il.ReadByte();
            var operand = op is ILOpCode.Ldstr or ILOpCode.Ldtoken ? il.ReadInt32() : 0;
            Assert.True(op is ILOpCode.Ldstr or ILOpCode.Ldtoken or ILOpCode.Pop or ILOpCode.Ret, "unexpected opcode " + op);
            result.Add((op, operand));
        }
        return result;
    }

    private static string MemberName(MetadataReader md, EntityHandle handle)
    {
        Assert.Equal(HandleKind.MemberReference, handle.Kind);
        var member = md.GetMemberReference((MemberReferenceHandle)handle);
        Assert.Equal(HandleKind.TypeSpecification, member.Parent.Kind);
        var type = md.GetTypeSpecification((TypeSpecificationHandle)member.Parent).DecodeSignature(new TypeNames(md), null);
        return type + "::" + md.GetString(member.Name);
    }

    /// <summary>Type names from signatures, enough to recognise a box and its state machine.</summary>
    private sealed class TypeNames : ISignatureTypeProvider<string, object?>
    {
        private readonly MetadataReader _md;
        public TypeNames(MetadataReader md) => _md = md;
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var r = reader.GetTypeReference(handle);
            var name = reader.GetString(r.Name);
            return r.ResolutionScope.Kind == HandleKind.TypeReference ? GetTypeFromReference(reader, (TypeReferenceHandle)r.ResolutionScope, 0) + "+" + name
                : reader.GetString(r.Namespace) is { Length: > 0 } ns ? ns + "." + name : name;
        }
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            genericType + "<" + string.Join(",", typeArguments) + ">";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);
        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    }
}
