using System.Reflection;
using Newtonsoft.Json.Serialization;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>
/// Limits which types <see cref="SqliteBotStorage"/> may create from the <c>$type</c> names in stored JSON.
/// TypeNameHandling.All instantiates whatever a document names; a tampered database row must not be able to
/// name an arbitrary gadget type, so every type, including generic arguments and array elements, has to come from
/// the runtime's core library, Newtonsoft.Json, Bot Framework or SupportShield.
/// </summary>
internal sealed class BotStateSerializationBinder : ISerializationBinder
{
    private static readonly string[] AllowedAssemblyPrefixes =
    [
        "System.Private.CoreLib",
        "System.Collections",
        "Newtonsoft.Json",
        "Microsoft.Bot.",
        "SupportShield.",
    ];

    private readonly DefaultSerializationBinder _inner = new();

    public Type BindToType(string? assemblyName, string typeName)
    {
        var type = _inner.BindToType(assemblyName, typeName);
        if (!IsAllowed(type))
        {
            throw new InvalidOperationException($"Stored bot state names type '{typeName}', which SqliteBotStorage does not create.");
        }

        return type;
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        _inner.BindToName(serializedType, out assemblyName, out typeName);

    private static bool IsAllowed(Type type)
    {
        if (type.HasElementType)
        {
            return IsAllowed(type.GetElementType()!);
        }

        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        if (!AllowedAssemblyPrefixes.Any(prefix => assembly.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return false;
        }

        // Core library types that act on the machine (files, processes, reflection, delegates) are no state.
        if (typeof(Delegate).IsAssignableFrom(type)
            || type.Namespace is { } ns && (ns.StartsWith("System.IO", StringComparison.Ordinal)
                || ns.StartsWith("System.Reflection", StringComparison.Ordinal)
                || ns.StartsWith("System.Diagnostics", StringComparison.Ordinal)
                || ns.StartsWith("System.Runtime", StringComparison.Ordinal)
                || ns.StartsWith("System.Security", StringComparison.Ordinal)))
        {
            return false;
        }

        return !type.IsGenericType || type.GetGenericArguments().All(IsAllowed);
    }
}
