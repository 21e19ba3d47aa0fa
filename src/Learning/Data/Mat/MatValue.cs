namespace LossSearch.Learning.Data.Mat;

/// <summary>A MATLAB array read from a v5 .mat file. Dimensions as stored (column-major data).</summary>
public abstract record MatValue(IReadOnlyList<int> Dimensions)
{
    public long Count => Dimensions.Aggregate(1L, (n, d) => n * d);
}

/// <summary>A numeric or logical array, its values widened to double (exact for all integer classes up to 2^53).</summary>
public sealed record MatNumeric(IReadOnlyList<int> Dimensions, string Class, double[] Values) : MatValue(Dimensions);

/// <summary>A char array; <see cref="Text"/> joins a row vector, <see cref="Rows"/> splits an R×C matrix into R strings.</summary>
public sealed record MatChar(IReadOnlyList<int> Dimensions, string ColumnMajor) : MatValue(Dimensions)
{
    public string Text => Dimensions.Count > 0 && Dimensions[0] > 1 ? string.Join("\n", Rows) : ColumnMajor;

    public IReadOnlyList<string> Rows
    {
        get
        {
            int rows = Dimensions.Count > 0 ? Dimensions[0] : 0, columns = rows == 0 ? 0 : ColumnMajor.Length / rows;
            return [.. Enumerable.Range(0, rows).Select(r => new string([.. Enumerable.Range(0, columns).Select(c => ColumnMajor[c * rows + r])]))];
        }
    }
}

/// <summary>A cell array; items in column-major order.</summary>
public sealed record MatCell(IReadOnlyList<int> Dimensions, IReadOnlyList<MatValue> Items) : MatValue(Dimensions);

/// <summary>A struct array; <see cref="Elements"/> in column-major order, each mapping field name to value.</summary>
public sealed record MatStruct(IReadOnlyList<int> Dimensions, IReadOnlyList<string> FieldNames, IReadOnlyList<IReadOnlyDictionary<string, MatValue>> Elements) : MatValue(Dimensions);
