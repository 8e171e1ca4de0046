using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StsTools.Caching;

/// <summary>
/// What the cache needs to know of a type: for <see cref="CacheEntryReader"/> its settable
/// properties by JSON name (the property name: the serializer writes them without a naming policy)
/// and the kind of value each holds; for <see cref="RequestKey"/> its readable properties in name
/// order. Taken from the serializer's source-generated contract (<see cref="CacheJsonContext"/>),
/// whose getters and setters are compiled code: reflection's PropertyInfo.GetValue/SetValue emit
/// and JIT-compile a stub per property on its second use, several milliseconds in a fresh process
/// against the disk hit's 2 ms (bench/README.md). Built once per type and kept, so a new cached
/// operation needs no reader or key code of its own, only its request and response listed in
/// <see cref="CacheJsonContext"/>.
/// </summary>
internal sealed class JsonShape
{
    private static readonly ConcurrentDictionary<Type, JsonShape> Shapes = new();

    private readonly Func<object> _create;

    private JsonShape(Type type, JsonSerializerOptions? contract)
    {
        // The serializer's source-generated contract: its setters are compiled code, not reflection.
        var info = (contract is null ? CacheJsonContext.Default.GetTypeInfo(type) : contract.GetTypeInfo(type))
            ?? throw new NotSupportedException($"No cache metadata for {type.Name}: list it in CacheJsonContext.");
        var create = info.CreateObject ?? throw new NotSupportedException($"{type.Name} has no parameterless constructor to read into.");
        _create = create;
        Properties = info.Properties.Where(p => p.Set is not null)
            .ToDictionary(p => p.Name, p => new ShapeProperty(p.Set!, ValueShape.Of(p.PropertyType)), StringComparer.Ordinal);
        Readable = info.Properties.Where(p => p.Get is not null).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, Func<object, object?>>(p.Name, p.Get!)).ToArray();
    }

    /// <summary>The readable properties (name and getter), in ordinal name order.</summary>
    public IReadOnlyList<KeyValuePair<string, Func<object, object?>>> Readable { get; }

    /// <summary>The shape of <paramref name="type"/> in <see cref="CacheJsonContext"/>, built on first use and kept; with another <paramref name="contract"/>, built anew.</summary>
    public static JsonShape Of(Type type, JsonSerializerOptions? contract = null) =>
        contract is null ? Shapes.GetOrAdd(type, t => new JsonShape(t, null)) : new JsonShape(type, contract);

    /// <summary>The settable properties by JSON name (case-sensitive, as written).</summary>
    public IReadOnlyDictionary<string, ShapeProperty> Properties { get; }

    /// <summary>A new instance, its properties at their defaults.</summary>
    public object Create() => _create();
}

/// <summary>One settable property: where its value goes and what kind of JSON value it takes.</summary>
internal sealed class ShapeProperty
{
    private readonly Action<object, object?> _set;

    public ShapeProperty(Action<object, object?> set, ValueShape value)
    {
        _set = set;
        Value = value;
    }

    /// <summary>The kind of value the property holds.</summary>
    public ValueShape Value { get; }

    /// <summary>Assigns the value read (through the property's own setter, which may normalize it).</summary>
    public void Set(object target, object? value) => _set(target, value);
}

/// <summary>The kinds of JSON value the reader knows.</summary>
internal enum ValueKind { String, Int32, Int64, Boolean, DateTime, Enum, StringMap, List, Object }

/// <summary>A CLR type as the reader sees it: its kind, whether JSON null is allowed, and for lists the element.</summary>
internal sealed class ValueShape
{
    private ValueShape(Type type, ValueKind kind, bool nullable, ValueShape? element = null)
    {
        Type = type;
        Kind = kind;
        Nullable = nullable;
        Element = element;
    }

    /// <summary>A string value (map values, for one).</summary>
    public static readonly ValueShape Text = new(typeof(string), ValueKind.String, nullable: true);

    /// <summary>The CLR type (for enums and lists the type to make, for objects the type to read into).</summary>
    public Type Type { get; }

    /// <summary>Which reader branch takes the value.</summary>
    public ValueKind Kind { get; }

    /// <summary>Whether JSON null is a value (reference types and Nullable&lt;T&gt;).</summary>
    public bool Nullable { get; }

    /// <summary>For lists, the kind of their elements.</summary>
    public ValueShape? Element { get; }

    /// <summary>Classifies <paramref name="type"/>; a type the reader cannot read fails here, when the shape is built.</summary>
    public static ValueShape Of(Type type)
    {
        var underlying = System.Nullable.GetUnderlyingType(type);
        if (underlying is not null) return new ValueShape(underlying, KindOf(underlying), nullable: true);
        if (type == typeof(string)) return Text;
        if (type.IsValueType) return new ValueShape(type, KindOf(type), nullable: false);
        if (type == typeof(Dictionary<string, string>) || type == typeof(IDictionary<string, string>) || type == typeof(IReadOnlyDictionary<string, string>))
            return new ValueShape(type, ValueKind.StringMap, nullable: true);
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(IList<>) || type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)))
        {
            var element = type.GetGenericArguments()[0];
            return new ValueShape(typeof(List<>).MakeGenericType(element), ValueKind.List, nullable: true, Of(element));
        }
        if (type.IsClass && !type.IsAbstract) return new ValueShape(type, ValueKind.Object, nullable: true);
        throw new NotSupportedException($"The cache reader cannot read a {type.Name}.");
    }

    private static ValueKind KindOf(Type type) =>
        type == typeof(int) ? ValueKind.Int32
        : type == typeof(long) ? ValueKind.Int64
        : type == typeof(bool) ? ValueKind.Boolean
        : type == typeof(DateTime) ? ValueKind.DateTime
        : type.IsEnum ? ValueKind.Enum
        : throw new NotSupportedException($"The cache reader cannot read a {type.Name}.");
}
