using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;

namespace StsTools.ReadyToRunProfile;

/// <summary>
/// Writes a .mibc profile: an IL-only assembly whose global method AssemblyDictionary holds
/// <c>ldstr group; ldtoken groupMethod; pop</c>, and whose group method holds <c>ldtoken method; pop</c>
/// for each method to precompile (the format crossgen2's MIbcProfileParser reads; dotnet-pgo, which
/// writes it from traces, is not published on NuGet). Only the method list is written: no weights,
/// no call graph, no instrumentation data.
/// </summary>
internal static class MibcWriter
{
    /// <summary>Writes the profile; returns how many of the methods it names (the rest could not be encoded).</summary>
    public static int Write(ProfileUniverse universe, string group, IReadOnlyList<MethodBase> methods, string path)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("StsTools.Profile." + group), universe.Core);
        var module = assembly.DefineDynamicModule("StsTools.Profile." + group);
        var voidType = universe.CoreType("System.Void");

        var holder = module.DefineType("Groups", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        var groupMethod = holder.DefineMethod("Group", MethodAttributes.Public | MethodAttributes.Static, voidType, System.Type.EmptyTypes);
        var il = groupMethod.GetILGenerator();
        var written = 0;
        foreach (var method in methods)
        {
            int token;
            try
            {
                // ILGenerator refuses ldtoken with a constructor; the token itself is what the format needs.
                token = method is ConstructorInfo c ? module.GetMethodMetadataToken(c) : module.GetMethodMetadataToken((MethodInfo)method);
            }
            catch (System.NotSupportedException)
            {
                continue; // a signature Reflection.Emit cannot write (modified types): that method is left to the JIT
            }
            il.Emit(OpCodes.Ldtoken, token);
            il.Emit(OpCodes.Pop);
            written++;
        }
        il.Emit(OpCodes.Ret);
        holder.CreateType();

        // The group is named after the assembly being compiled: crossgen2 takes only groups whose
        // assemblies are in the compilation's version bubble.
        var dictionary = module.DefineGlobalMethod("AssemblyDictionary", MethodAttributes.Public | MethodAttributes.Static, voidType, System.Type.EmptyTypes);
        var entries = dictionary.GetILGenerator();
        entries.Emit(OpCodes.Ldstr, group);
        entries.Emit(OpCodes.Ldtoken, groupMethod);
        entries.Emit(OpCodes.Pop);
        entries.Emit(OpCodes.Ret);
        module.CreateGlobalFunctions();
        assembly.Save(path);
        return written;
    }
}
