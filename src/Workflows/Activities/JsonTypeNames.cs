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

    /// <summary>The JSON type of a list type's items, or null when the type is not a list.</summary>
    public static string? ItemOf(Type type)
    {
        if (Of(type) != "array") return null;
        if (type.IsArray) return Of(type.GetElementType()!);
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable is null ? "object" : Of(enumerable.GetGenericArguments()[0]);
    }

    private static bool IsDictionary(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type)
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
}
