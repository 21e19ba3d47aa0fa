using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LossSearch.Learning.Tests.Data;

/// <summary>
/// A minimal MATLAB level-5 writer for test fixtures, written from the MAT-file format specification
/// (little-endian, 8-byte aligned elements, small-element form for payloads of up to 4 bytes).
/// </summary>
internal static class MatV5Writer
{
    public abstract record Value;
    public sealed record Doubles(int[] Dims, double[] Data) : Value;
    public sealed record UInt8s(int[] Dims, byte[] Data) : Value;
    public sealed record Int32s(int[] Dims, int[] Data) : Value;
    public sealed record Chars(int[] Dims, string ColumnMajor) : Value
    {
        public static Chars Row(string text) => new([1, text.Length], text);
    }
    public sealed record Cell(int[] Dims, Value[] Items) : Value;
    public sealed record Struct(int[] Dims, string[] Fields, Dictionary<string, Value>[] Elements) : Value;

    public static byte[] Bytes(bool compress, params (string Name, Value Value)[] variables)
    {
        using var output = new MemoryStream();
        var header = Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, Platform: LossSearch tests, Created on: fixture".PadRight(116));
        output.Write(header);
        output.Write(new byte[8]);
        output.Write([0x00, 0x01, (byte)'I', (byte)'M']);
        foreach (var (name, value) in variables)
        {
            var matrix = Matrix(name, value);
            if (!compress)
            {
                output.Write(matrix);
                continue;
            }
            using var packed = new MemoryStream();
            using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(matrix);
            output.Write(Tag(15, (int)packed.Length));
            output.Write(packed.ToArray());
        }
        return output.ToArray();
    }

    private static byte[] Matrix(string name, Value value)
    {
        using var body = new MemoryStream();
        var (mxClass, dims) = value switch
        {
            Doubles d => (6, d.Dims),
            UInt8s u => (9, u.Dims),
            Int32s i => (12, i.Dims),
            Chars c => (4, c.Dims),
            Cell c => (1, c.Dims),
            Struct s => (2, s.Dims),
            _ => throw new ArgumentException(value.GetType().Name),
        };
        var flags = new byte[8];
        flags[0] = (byte)mxClass;
        body.Write(Element(6, flags));
        body.Write(Element(5, [.. dims.SelectMany(d => BitConverter.GetBytes(d))]));
        body.Write(Element(1, Encoding.ASCII.GetBytes(name)));
        switch (value)
        {
            case Doubles d: body.Write(Element(9, [.. d.Data.SelectMany(BitConverter.GetBytes)])); break;
            case UInt8s u: body.Write(Element(2, u.Data)); break;
            case Int32s i: body.Write(Element(5, [.. i.Data.SelectMany(BitConverter.GetBytes)])); break;
            case Chars c: body.Write(Element(4, Encoding.Unicode.GetBytes(c.ColumnMajor))); break;
            case Cell c:
                foreach (var item in c.Items) body.Write(Matrix("", item));
                break;
            case Struct s:
                int length = s.Fields.Max(f => f.Length) + 1;
                body.Write(Element(5, BitConverter.GetBytes(length)));
                var names = new byte[length * s.Fields.Length];
                for (int f = 0; f < s.Fields.Length; f++) Encoding.ASCII.GetBytes(s.Fields[f]).CopyTo(names, f * length);
                body.Write(Element(1, names));
                foreach (var element in s.Elements)
                    foreach (var field in s.Fields)
                        body.Write(Matrix("", element[field]));
                break;
        }
        var content = body.ToArray();
        return [.. Tag(14, content.Length), .. content];
    }

    private static byte[] Element(int type, byte[] data)
    {
        if (data.Length <= 4 && data.Length > 0)
        {
            var small = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(small, (uint)(data.Length << 16 | type));
            data.CopyTo(small, 4);
            return small;
        }
        int padded = (data.Length + 7) / 8 * 8;
        var element = new byte[8 + padded];
        Tag(type, data.Length).CopyTo(element, 0);
        data.CopyTo(element, 8);
        return element;
    }

    private static byte[] Tag(int type, int length)
    {
        var tag = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tag, type);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(4), length);
        return tag;
    }
}
