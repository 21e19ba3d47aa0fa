using System.Buffers.Binary;
using System.Text.Json;

namespace LossSearch.Learning.Models;

/// <summary>
/// Checks a <c>.safetensors</c> file's header against the file before the loader reads it: an 8-byte
/// little-endian header length, a JSON header of that length, then the tensors' bytes. The loader
/// allocates what the first 8 bytes declare, so a 180-byte file declaring a 500 MB header took 24 s and
/// 1.6 GB; here the header must fit in the file (and in <see cref="MaxHeaderBytes"/>) and every tensor's
/// byte range must lie in the file and match its dtype and shape.
/// </summary>
public static class SafetensorsHeader
{
    /// <summary>The format's own ceiling on the header (100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private static readonly Dictionary<string, int> DtypeBytes = new(StringComparer.Ordinal)
    {
        ["F64"] = 8, ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2, ["I64"] = 8, ["I32"] = 4, ["I16"] = 2, ["I8"] = 1, ["U8"] = 1, ["BOOL"] = 1,
    };

    /// <summary>Throws <see cref="InvalidInputException"/> naming the file and what does not fit.</summary>
    public static void Check(string path)
    {
        using var stream = File.OpenRead(path);
        long length = stream.Length;
        var prefix = new byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
            throw Bad(path, $"{length} bytes is shorter than the 8-byte header length");
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (declared == 0 || declared > (ulong)Math.Min(length - 8, MaxHeaderBytes))
            throw Bad(path, $"the header length {declared:N0} does not fit in the file's {length - 8:N0} bytes after it (nor under {MaxHeaderBytes:N0})");
        var header = new byte[(int)declared];
        stream.ReadExactly(header);
        long data = length - 8 - (long)declared;
        JsonDocument document;
        try { document = JsonDocument.Parse(header); }
        catch (JsonException e) { throw Bad(path, $"the header is not JSON ({e.Message})"); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "the header is not a JSON object");
            foreach (var entry in document.RootElement.EnumerateObject())
                if (entry.Name != "__metadata__") CheckTensor(path, entry, data);
        }
    }

    private static void CheckTensor(string path, JsonProperty entry, long data)
    {
        var tensor = entry.Value;
        if (tensor.ValueKind != JsonValueKind.Object
            || !tensor.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !tensor.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !tensor.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Bad(path, $"tensor '{entry.Name}' lacks a dtype, a shape or two data_offsets");
        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin || end > data)
            throw Bad(path, $"tensor '{entry.Name}' has data_offsets {offsets.GetRawText()} outside the {data:N0} data bytes");
        long elements = 1;
        foreach (var dimension in shape.EnumerateArray())
        {
            if (!dimension.TryGetInt64(out long size) || size < 0 || (size > 0 && elements > long.MaxValue / size))
                throw Bad(path, $"tensor '{entry.Name}' has shape {shape.GetRawText()}");
            elements *= size;
        }
        if (DtypeBytes.TryGetValue(dtype.GetString()!, out int bytes) && (elements > long.MaxValue / bytes || elements * bytes != end - begin))
            throw Bad(path, $"tensor '{entry.Name}' of shape {shape.GetRawText()} and dtype {dtype.GetString()} does not take its {end - begin:N0} bytes");
    }

    private static InvalidInputException Bad(string path, string what) =>
        new($"weights file '{path}' is not a readable safetensors file: {what}.");
}
