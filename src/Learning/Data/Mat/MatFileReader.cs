using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LossSearch.Learning.Data.Mat;

/// <summary>
/// Reads MATLAB level-5 MAT-files (the default before v7.3): the 128-byte header, then tagged data
/// elements, possibly zlib-compressed (miCOMPRESSED). Covers what dataset files hold: numeric,
/// logical and char arrays, cells and structs. Sparse, object and function-handle arrays are refused.
/// </summary>
public static class MatFileReader
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17, MiUtf32 = 18;

    private const int MxCell = 1, MxStruct = 2, MxObject = 3, MxChar = 4, MxSparse = 5;

    private static readonly string[] ClassNames =
        ["", "cell", "struct", "object", "char", "sparse", "double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"];

    /// <summary>The file's top-level variables by name.</summary>
    public static IReadOnlyDictionary<string, MatValue> Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: missing.");
        return Read(File.ReadAllBytes(path), path);
    }

    public static IReadOnlyDictionary<string, MatValue> Read(byte[] bytes, string path)
    {
        if (bytes.Length < 128)
            throw new InvalidInputException($"{path}: {bytes.Length} bytes is shorter than the 128-byte MAT-file header.");
        if (Encoding.ASCII.GetString(bytes, 0, 19).StartsWith("MATLAB 7.3", StringComparison.Ordinal) || bytes[126] != 'I' || bytes[127] != 'M')
        {
            if (bytes[126] == 'M' && bytes[127] == 'I')
                throw new InvalidInputException($"{path}: big-endian MAT-file (endian indicator 'MI' at offset 126); only little-endian files are read.");
            throw new InvalidInputException($"{path}: not a MATLAB v5 MAT-file (no 'IM' endian indicator at offset 126; v7.3 files are HDF5).");
        }
        var variables = new Dictionary<string, MatValue>();
        var reader = new ElementReader(bytes, 128, bytes.Length, path);
        long inflatedTotal = 0;
        while (reader.HasMore)
        {
            var (type, start, length) = reader.Next();
            if (type == MiCompressed)
            {
                var inflated = Inflate(bytes, start, length, path, ref inflatedTotal);
                var inner = new ElementReader(inflated, 0, inflated.Length, $"{path} (compressed element at offset {start - 8})");
                while (inner.HasMore)
                {
                    var (innerType, innerStart, innerLength) = inner.Next();
                    AddVariable(variables, inner, innerType, innerStart, innerLength);
                }
            }
            else
            {
                AddVariable(variables, reader, type, start, length);
            }
        }
        return variables;
    }

    private static void AddVariable(Dictionary<string, MatValue> variables, ElementReader reader, int type, int start, int length)
    {
        if (type != MiMatrix)
            throw new InvalidInputException($"{reader.Path}: top-level element of type {type} at offset {start - 8}, expected miMATRIX (14).");
        var (name, value) = ReadMatrix(reader, start, length, depth: 1);
        variables[name] = value;
    }

    private static (string Name, MatValue Value) ReadMatrix(ElementReader outer, int start, int length, int depth)
    {
        if (length == 0) return ("", new MatNumeric([0, 0], "double", []));
        // Cells and structs nest; a crafted file nested deeply enough would overflow the stack.
        if (depth > ReaderLimits.MaxNesting)
            throw new InvalidInputException($"{outer.Path}: array at offset {start - 8} is nested {depth} deep, more than the reader's limit of {ReaderLimits.MaxNesting} (Data:MaxNesting).");
        var reader = new ElementReader(outer.Bytes, start, start + length, outer.Path);
        var flags = reader.Expect(MiUInt32, "array flags");
        if (flags.Length < 8)
            throw new InvalidInputException($"{outer.Path}: array flags at offset {flags.Start - 8} hold {flags.Length} bytes, expected 8.");
        int mxClass = outer.Bytes[flags.Start] & 0xFF;
        bool complex = (outer.Bytes[flags.Start + 1] & 0x08) != 0;
        bool logical = (outer.Bytes[flags.Start + 1] & 0x02) != 0;
        var dimsElement = reader.Expect(MiInt32, "dimensions");
        var dims = Enumerable.Range(0, dimsElement.Length / 4)
            .Select(i => BinaryPrimitives.ReadInt32LittleEndian(outer.Bytes.AsSpan(dimsElement.Start + 4 * i))).ToArray();
        var nameElement = reader.Expect(MiInt8, "array name");
        var name = Encoding.ASCII.GetString(outer.Bytes, nameElement.Start, nameElement.Length);
        long count = dims.Aggregate(1L, (n, d) => n * d);

        switch (mxClass)
        {
            case MxCell:
            {
                var items = new List<MatValue>();
                for (long i = 0; i < count; i++)
                {
                    var item = reader.Expect(MiMatrix, $"cell item {i} of '{name}'");
                    items.Add(ReadMatrix(reader, item.Start, item.Length, depth + 1).Value);
                }
                return (name, new MatCell(dims, items));
            }
            case MxStruct:
            {
                var lengthElement = reader.Expect(MiInt32, $"field name length of '{name}'");
                if (lengthElement.Length < 4)
                    throw new InvalidInputException($"{outer.Path}: field name length of '{name}' holds {lengthElement.Length} bytes, expected 4.");
                int fieldLength = BinaryPrimitives.ReadInt32LittleEndian(outer.Bytes.AsSpan(lengthElement.Start));
                var namesElement = reader.Expect(MiInt8, $"field names of '{name}'");
                if (fieldLength <= 0 || namesElement.Length % fieldLength != 0)
                    throw new InvalidInputException($"{outer.Path}: struct '{name}' at offset {start - 8}: field names of {namesElement.Length} bytes do not split into {fieldLength}-byte names.");
                var fields = Enumerable.Range(0, namesElement.Length / fieldLength)
                    .Select(f => Encoding.ASCII.GetString(outer.Bytes, namesElement.Start + f * fieldLength, fieldLength).TrimEnd('\0'))
                    .ToArray();
                var elements = new List<IReadOnlyDictionary<string, MatValue>>();
                for (long i = 0; i < count; i++)
                {
                    var element = new Dictionary<string, MatValue>();
                    foreach (var field in fields)
                    {
                        var value = reader.Expect(MiMatrix, $"field '{field}' of '{name}'({i + 1})");
                        element[field] = ReadMatrix(reader, value.Start, value.Length, depth + 1).Value;
                    }
                    elements.Add(element);
                }
                return (name, new MatStruct(dims, fields, elements));
            }
            case MxChar:
            {
                var text = reader.HasMore ? reader.Next() : (Type: MiUInt16, Start: 0, Length: 0);
                return (name, new MatChar(dims, DecodeChars(outer, text.Type, text.Start, text.Length)));
            }
            case MxObject or MxSparse:
                throw new InvalidInputException($"{outer.Path}: '{name}' at offset {start - 8} is a {ClassNames[mxClass]} array, which this reader does not handle.");
            case >= 6 and <= 15:
            {
                var real = reader.Next();
                var values = ToDoubles(outer, real.Type, real.Start, real.Length);
                if (values.LongLength != count)
                    throw new InvalidInputException($"{outer.Path}: '{name}' at offset {start - 8} declares {count} values but holds {values.Length}.");
                if (complex && reader.HasMore) reader.Next(); // imaginary part: not used by any dataset file
                return (name, new MatNumeric(dims, logical ? "logical" : ClassNames[mxClass], values));
            }
            default:
                throw new InvalidInputException($"{outer.Path}: '{name}' at offset {start - 8} has unknown array class {mxClass}.");
        }
    }

    private static double[] ToDoubles(ElementReader reader, int type, int start, int length)
    {
        var span = reader.Bytes.AsSpan(start, length);
        return type switch
        {
            MiInt8 => [.. span.ToArray().Select(b => (double)(sbyte)b)],
            MiUInt8 => [.. span.ToArray().Select(b => (double)b)],
            MiInt16 => Convert(span, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s)),
            MiUInt16 => Convert(span, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s)),
            MiInt32 => Convert(span, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s)),
            MiUInt32 => Convert(span, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s)),
            MiInt64 => Convert(span, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s)),
            MiUInt64 => Convert(span, 8, s => BinaryPrimitives.ReadUInt64LittleEndian(s)),
            MiSingle => Convert(span, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s)),
            MiDouble => Convert(span, 8, s => BinaryPrimitives.ReadDoubleLittleEndian(s)),
            _ => throw new InvalidInputException($"{reader.Path}: numeric data of type {type} at offset {start - 8} is not a numeric storage type."),
        };
    }

    private delegate double Decode(ReadOnlySpan<byte> bytes);

    private static double[] Convert(ReadOnlySpan<byte> span, int size, Decode decode)
    {
        var values = new double[span.Length / size];
        for (int i = 0; i < values.Length; i++) values[i] = decode(span.Slice(i * size, size));
        return values;
    }

    private static string DecodeChars(ElementReader reader, int type, int start, int length) => type switch
    {
        MiUtf8 or MiUInt8 or MiInt8 => Encoding.UTF8.GetString(reader.Bytes, start, length),
        MiUInt16 or MiUtf16 => Encoding.Unicode.GetString(reader.Bytes, start, length),
        MiUtf32 => Encoding.UTF32.GetString(reader.Bytes, start, length),
        _ => throw new InvalidInputException($"{reader.Path}: char data of type {type} at offset {start - 8} is not a character storage type."),
    };

    /// <summary>
    /// Inflates one miCOMPRESSED element: its inner tag says how long the element is, and no more than
    /// that is inflated (nor, over the whole file, more than <see cref="ReaderLimits.MaxDecompressedBytes"/>).
    /// </summary>
    private static byte[] Inflate(byte[] bytes, int start, int length, string path, ref long inflatedTotal)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(bytes, start, length), CompressionMode.Decompress);
            var tag = ReaderLimits.ReadUpTo(zlib, 8);
            if (tag.Length < 8) return tag;
            uint first = BinaryPrimitives.ReadUInt32LittleEndian(tag);
            long declared = first >> 16 != 0 ? 8 : 8L + BinaryPrimitives.ReadUInt32LittleEndian(tag.AsSpan(4));
            inflatedTotal += declared;
            ReaderLimits.CheckDeclared(path, inflatedTotal, $"the compressed element at offset {start - 8} (with those before it)");
            var rest = ReaderLimits.ReadUpTo(zlib, declared - 8 + 1);
            if (rest.Length > declared - 8)
                throw new InvalidInputException($"{path}: compressed element at offset {start - 8} inflates to more than the {declared} bytes its inner tag declares.");
            return [.. tag, .. rest];
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new InvalidInputException($"{path}: compressed element at offset {start - 8} is not a valid zlib stream ({e.Message}).", e);
        }
    }

    /// <summary>Walks tagged data elements in [start, end): regular 8-byte tags padded to 8, or small 4-byte-payload tags.</summary>
    private sealed class ElementReader(byte[] bytes, int start, int end, string path)
    {
        private int _position = start;
        public byte[] Bytes { get; } = bytes;
        public string Path { get; } = path;
        public bool HasMore => _position + 8 <= end;

        public (int Type, int Start, int Length) Next()
        {
            if (!HasMore)
                throw new InvalidInputException($"{Path}: truncated at offset {_position}: a data element tag needs 8 bytes.");
            uint first = BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(_position));
            if (first >> 16 != 0)
            {
                if (first >> 16 > 4)
                    throw new InvalidInputException($"{Path}: small data element at offset {_position} claims {first >> 16} bytes; a small element holds at most 4.");
                var small = ((int)(first & 0xFFFF), _position + 4, (int)(first >> 16));
                _position += 8;
                return small;
            }
            int type = (int)first;
            int length = BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(_position + 4));
            int dataStart = _position + 8;
            if (length < 0 || (long)dataStart + length > end)
                throw new InvalidInputException($"{Path}: element of type {type} at offset {_position} claims {length} bytes, but only {end - dataStart} remain (truncated file).");
            _position = dataStart + (type == MiCompressed ? length : (length + 7) / 8 * 8);
            return (type, dataStart, length);
        }

        public (int Start, int Length) Expect(int type, string what)
        {
            int at = _position;
            var (found, dataStart, length) = Next();
            if (found != type)
                throw new InvalidInputException($"{Path}: {what} at offset {at} has element type {found}, expected {type}.");
            return (dataStart, length);
        }
    }
}
