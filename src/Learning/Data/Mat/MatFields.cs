namespace LossSearch.Learning.Data.Mat;

/// <summary>Typed access to a .mat file's variables and struct fields that names what is missing or mistyped.</summary>
public static class MatFields
{
    public static T Variable<T>(this IReadOnlyDictionary<string, MatValue> file, string path, string name) where T : MatValue =>
        file.TryGetValue(name, out var value)
            ? value as T ?? throw new InvalidInputException($"{path}: variable '{name}' is a {Describe(value)}, expected {typeof(T).Name[3..].ToLowerInvariant()}.")
            : throw new InvalidInputException($"{path}: missing variable '{name}' (has {string.Join(", ", file.Keys)}).");

    public static T Field<T>(this MatStruct structure, int index, string field, string path, string structName) where T : MatValue =>
        structure.Elements[index].TryGetValue(field, out var value)
            ? value as T ?? throw new InvalidInputException($"{path}: field '{structName}({index + 1}).{field}' is a {Describe(value)}, expected {typeof(T).Name[3..].ToLowerInvariant()}.")
            : throw new InvalidInputException($"{path}: struct '{structName}' has no field '{field}' (has {string.Join(", ", structure.FieldNames)}).");

    public static double Scalar(this MatNumeric value, string path, string what) =>
        value.Values.Length == 1 ? value.Values[0]
            : throw new InvalidInputException($"{path}: {what} holds {value.Values.Length} values, expected one.");

    private static string Describe(MatValue value) => value switch
    {
        MatNumeric n => $"{n.Class} array",
        MatChar => "char array",
        MatCell => "cell array",
        MatStruct => "struct array",
        _ => value.GetType().Name,
    };
}
