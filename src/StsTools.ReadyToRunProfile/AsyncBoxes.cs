using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace StsTools.ReadyToRunProfile;

/// <summary>
/// The framework code each async method of an assembly runs on: the runtime wraps the method's
/// state machine in AsyncTaskMethodBuilder&lt;TResult&gt;.AsyncStateMachineBox&lt;TStateMachine&gt;, a
/// framework generic instantiated over the assembly's own type, whose methods (MoveNext, the
/// execution-context callback, ...) are only ever called through an interface. crossgen2 cannot
/// see those calls, so without a profile every async method's box is JIT-compiled at first use:
/// the SDK's pipeline alone is a dozen handlers deep.
/// </summary>
internal static class AsyncBoxes
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<MethodBase> For(ProfileUniverse universe, Assembly assembly)
    {
        var stateMachineInterface = universe.CoreType("System.Runtime.CompilerServices.IAsyncStateMachine");
        var boxDefinition = universe.CoreType("System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1")
            .GetNestedType("AsyncStateMachineBox`1", BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("this runtime's CoreLib has no AsyncTaskMethodBuilder<T>.AsyncStateMachineBox<T>");
        var voidResult = universe.CoreType("System.Threading.Tasks.VoidTaskResult");
        var methods = new List<MethodBase>();
        // The classes a generic state machine may be closed over, listed once per assembly and only if one needs them.
        var candidates = new Lazy<IReadOnlyList<Type>>(() => Candidates(assembly, universe));
        foreach (var type in Types(assembly))
        {
            if (!IsStateMachine(type, stateMachineInterface)) continue;
            var stateMachine = Close(type, universe, candidates);
            var builder = stateMachine?.GetField("<>t__builder", Declared)?.FieldType;
            if (stateMachine is null || builder is null) continue;
            var result = ResultOf(builder, voidResult);
            if (result is null) continue;
            var box = boxDefinition.MakeGenericType(result, stateMachine);
            methods.AddRange(box.GetMethods(Declared));
            methods.AddRange(box.GetConstructors(Declared));
        }
        return methods;
    }

    private static bool IsStateMachine(Type type, Type stateMachineInterface)
    {
        try { return type.GetInterfaces().Any(i => i.FullName == stateMachineInterface.FullName); }
        // A type that implements something from an assembly the target runtime lacks (the SDK's
        // netstandard2.0 build references Microsoft.Bcl.AsyncInterfaces) is not one crossgen2 can compile either.
        catch (System.IO.FileNotFoundException) { return false; }
        catch (TypeLoadException) { return false; }
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException partial) { return partial.Types.Where(t => t is not null)!; }
    }

    /// <summary>
    /// The result type the box is instantiated over, from the builder the compiler gave the state
    /// machine. Task and ValueTask methods (and async void) all box on AsyncTaskMethodBuilder&lt;T&gt;
    /// since .NET 6; pooling builders, which box elsewhere, are left out.
    /// </summary>
    private static Type? ResultOf(Type builder, Type voidResult) =>
        (builder.Namespace, builder.Name) switch
        {
            ("System.Runtime.CompilerServices", "AsyncTaskMethodBuilder`1") => builder.GetGenericArguments()[0],
            ("System.Runtime.CompilerServices", "AsyncValueTaskMethodBuilder`1") => builder.GetGenericArguments()[0],
            ("System.Runtime.CompilerServices", "AsyncTaskMethodBuilder") => voidResult,
            ("System.Runtime.CompilerServices", "AsyncValueTaskMethodBuilder") => voidResult,
            ("System.Runtime.CompilerServices", "AsyncVoidMethodBuilder") => voidResult,
            _ => null,
        };

    /// <summary>
    /// A generic state machine (an async method that is generic, or in a generic type) closed over
    /// reference types that meet its constraints: object where there are none, otherwise the first
    /// class of the assembly (or of what it references) that satisfies them. crossgen2 compiles the
    /// code all reference-type instantiations share, so one stands for all (the SDK's handlers are
    /// generic over the response type). Value-type parameters are left out.
    /// </summary>
    private static Type? Close(Type type, ProfileUniverse universe, Lazy<IReadOnlyList<Type>> candidates)
    {
        if (!type.IsGenericTypeDefinition) return type;
        var arguments = new List<Type>();
        foreach (var parameter in type.GetGenericArguments())
        {
            var attributes = parameter.GenericParameterAttributes;
            if ((attributes & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0) return null;
            var constraints = parameter.GetGenericParameterConstraints();
            if (constraints.Any(c => c.ContainsGenericParameters)) return null;
            var needsConstructor = (attributes & GenericParameterAttributes.DefaultConstructorConstraint) != 0;
            var candidate = constraints.Length == 0 && !needsConstructor
                ? universe.CoreType("System.Object")
                : candidates.Value.FirstOrDefault(c => Satisfies(c, constraints, needsConstructor));
            if (candidate is null) return null;
            arguments.Add(candidate);
        }
        return type.MakeGenericType(arguments.ToArray());
    }

    private static bool Satisfies(Type candidate, Type[] constraints, bool needsConstructor)
    {
        try { return constraints.All(k => k.IsAssignableFrom(candidate)) && (!needsConstructor || candidate.GetConstructor(Type.EmptyTypes) is not null); }
        catch (System.IO.FileNotFoundException) { return false; } // it derives from something the target runtime lacks
        catch (TypeLoadException) { return false; }
    }

    private static IReadOnlyList<Type> Candidates(Assembly assembly, ProfileUniverse universe)
    {
        var assemblies = new List<Assembly> { assembly };
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            try { assemblies.Add(universe.Load(reference)); }
            catch (System.IO.FileNotFoundException) { } // not in the target runtime: nothing of it can be a candidate
        }
        return assemblies.SelectMany(Types).Where(t => t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition).ToList();
    }
}
