using System.Collections;

namespace LossSearch.Workflows.Activities;

/// <summary>The JSON type name a CLR property type is shown as in descriptors.</summary>
internal static class JsonTypeNames
{
    public static string Of(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsEnum || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)) return "string";
        if (type == typeof(bool)) return "boolean";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return "integer";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "number";
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !IsDictionary(type)) return "array";
        return "object";
    }

    /// <summary>
    /// For a list or array type, its items: the JSON type name of primitive items, else the item class's name
    /// (e.g. <c>LossScore</c>), so that a designer offers only outputs whose items fit. Null for other types.
    /// </summary>
    public static string? ItemOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Of(type) != "array") return null;
        var item = type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (item is null) return null;
        string json = Of(item);
        return json is "object" or "array" ? item.Name : json;
    }

    private static bool IsDictionary(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type)
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
}
