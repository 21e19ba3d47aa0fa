using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LossSearch.Learning.IO;

namespace LossSearch.Learning.Data;

/// <summary>
/// One file per split holding every image decoded and resized once: the magic <c>LSIMGC01</c>, a
/// 4-byte little-endian header length, a JSON header (<see cref="CacheHeader"/>: source, split, size,
/// count, SHA-256 of the payload), then the payload: int64 labels [N] and uint8 images [N, C, H, W].
/// A file whose checksum or header does not match is rebuilt.
/// </summary>
public static class DecodedImageCache
{
    private static readonly byte[] Magic = "LSIMGC01"u8.ToArray();

    public sealed record CacheHeader(string Source, string Split, int Count, int Channels, int Height, int Width, string Key, string Sha256);

    /// <summary>A verified cache file: where the payload starts.</summary>
    public sealed record CacheFile(string Path, CacheHeader Header, long LabelsOffset)
    {
        public long ImagesOffset => LabelsOffset + 8L * Header.Count;
        public long ImageBytes => (long)Header.Channels * Header.Height * Header.Width;

        public long[] ReadLabels()
        {
            var bytes = new byte[8L * Header.Count];
            using var handle = File.OpenHandle(Path);
            RandomAccess.Read(handle, bytes, LabelsOffset);
            var labels = new long[Header.Count];
            for (int i = 0; i < labels.Length; i++) labels[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8 * i));
            return labels;
        }
    }

    /// <summary>
    /// Returns a verified cache file for the split, decoding and writing it first when it is missing or
    /// corrupt. <paramref name="rebuilt"/> says whether it was (re)written.
    /// </summary>
    public static CacheFile Ensure(string cacheDirectory, string source, string split, FileSplit files, int size, int channels, out bool rebuilt, IProgress<int>? progress = null)
    {
        var key = KeyOf(files, size, channels);
        var path = Path.Combine(cacheDirectory, $"{Sanitize(Path.GetFileName(source.TrimEnd('/', '\\')))}-{split}-{size}px-{key[..16]}.lsimg");
        var existing = TryOpen(path, key);
        if (existing is not null)
        {
            rebuilt = false;
            return existing;
        }
        Build(path, source, split, files, size, channels, key, progress);
        rebuilt = true;
        return TryOpen(path, key) ?? throw new IOException($"{path}: written but does not verify.");
    }

    /// <summary>Opens and verifies (header, sizes, SHA-256); null when missing, stale or corrupt.</summary>
    public static CacheFile? TryOpen(string path, string? expectedKey = null)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var stream = File.OpenRead(path);
            var prefix = new byte[12];
            if (stream.Read(prefix) != 12 || !prefix.AsSpan(0, 8).SequenceEqual(Magic)) return null;
            int headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(8));
            if (headerLength <= 0 || headerLength > 1 << 20) return null;
            var headerBytes = new byte[headerLength];
            if (stream.Read(headerBytes) != headerLength) return null;
            var header = JsonSerializer.Deserialize<CacheHeader>(headerBytes);
            if (header is null || (expectedKey is not null && header.Key != expectedKey)) return null;
            long payloadOffset = 12 + headerLength;
            long payload = 8L * header.Count + (long)header.Count * header.Channels * header.Height * header.Width;
            if (stream.Length != payloadOffset + payload) return null;
            var hash = SHA256.HashData(stream);
            return Convert.ToHexStringLower(hash) == header.Sha256 ? new CacheFile(path, header, payloadOffset) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Decodes in chunks (a large split does not fit one array), streaming the payload to a temp file
    /// behind a header of fixed length whose checksum is filled in once the payload is hashed.
    /// </summary>
    private static void Build(string path, string source, string split, FileSplit files, int size, int channels, string key, IProgress<int>? progress)
    {
        const int Chunk = 512;
        int count = (int)files.Count;
        int imageBytes = channels * size * size;
        var labels = new byte[8L * count];
        for (int i = 0; i < count; i++) BinaryPrimitives.WriteInt64LittleEndian(labels.AsSpan(8 * i), files.Labels[i]);
        CacheHeader Header(string sha) => new(source, split, count, channels, size, size, key, sha);
        int headerLength = JsonSerializer.SerializeToUtf8Bytes(Header(new string('0', 64))).Length;
        AtomicFile.Write(path, stream =>
        {
            stream.Position = 12 + headerLength;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(labels);
            stream.Write(labels);
            var chunk = new byte[(long)Math.Min(Chunk, Math.Max(count, 1)) * imageBytes];
            for (int start = 0; start < count; start += Chunk)
            {
                int n = Math.Min(Chunk, count - start);
                try
                {
                    Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                        ImageDecoder.DecodeResized(files.Files[start + i], size, channels).CopyTo(chunk, (long)i * imageBytes));
                }
                catch (AggregateException e) when (e.InnerExceptions.OfType<InvalidInputException>().FirstOrDefault() is { } bad)
                {
                    // A bad file is bad input, as when decoded alone, not a failure of the parallel loop.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(bad).Throw();
                }
                sha.AppendData(chunk, 0, n * imageBytes);
                stream.Write(chunk, 0, n * imageBytes);
                progress?.Report(start + n);
            }
            var headerBytes = JsonSerializer.SerializeToUtf8Bytes(Header(Convert.ToHexStringLower(sha.GetHashAndReset())));
            stream.Position = 0;
            stream.Write(Magic);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, headerBytes.Length);
            stream.Write(length);
            stream.Write(headerBytes);
        });
    }

    /// <summary>Identifies the content: the files (names, sizes, times), labels, size and channels.</summary>
    private static string KeyOf(FileSplit files, int size, int channels)
    {
        var text = new StringBuilder($"{size}|{channels}|");
        for (int i = 0; i < files.Count; i++)
        {
            var info = new FileInfo(files.Files[i]);
            text.Append(files.Files[i]).Append('|').Append(files.Labels[i]).Append('|')
                .Append(info.Exists ? info.Length : -1).Append('|').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Sanitize(string name) =>
        new([.. (name.Length == 0 ? "dataset" : name).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}
