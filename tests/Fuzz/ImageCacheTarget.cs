using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LossSearch.Learning.Data;
using static TorchSharp.torch;

namespace LossSearch.Fuzz;

/// <summary>
/// One input as a decoded-image cache file (<see cref="DecodedImageCache"/>), opened and, when it
/// verifies, read batch by batch as training reads it. Each input is tried twice: as it is, and
/// resealed — its header's SHA-256 replaced by the payload's — because a mutated payload almost never
/// matches its checksum, and a crafted file can carry a correct one.
/// </summary>
internal static class ImageCacheTarget
{
    private static readonly byte[] ShaKey = "\"Sha256\":\""u8.ToArray();

    public static void Run(byte[] input)
    {
        using var folder = new ScratchFolder("imagecache");
        var path = Path.Combine(folder.Path, "split.lsimg");
        Read(path, input);
        if (Resealed(input) is { } resealed) Read(path, resealed);
    }

    private static void Read(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        var cache = DecodedImageCache.TryOpen(path);
        if (cache is null) return;
        long[] indices = [.. Enumerable.Range(0, cache.Header.Count).Select(i => (long)i)];
        var source = new StreamingBatchSource(cache, indices, ["a", "b"]);
        foreach (var (images, labels) in source.Batches(4, CPU))
        {
            images.Dispose();
            labels.Dispose();
        }
    }

    private static byte[]? Resealed(byte[] input)
    {
        if (input.Length < 12) return null;
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(input.AsSpan(8));
        if (headerLength <= 0 || headerLength > input.Length - 12) return null;
        int key = input.AsSpan(12, headerLength).IndexOf(ShaKey);
        int slot = 12 + key + ShaKey.Length;
        if (key < 0 || slot + 64 >= 12 + headerLength) return null;
        var copy = (byte[])input.Clone();
        Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(input.AsSpan(12 + headerLength)))).CopyTo(copy, slot);
        return copy;
    }

    /// <summary>A cache file written by <see cref="DecodedImageCache.Ensure"/> for two 6×5 PNGs at 4 px.</summary>
    public static byte[] Seed()
    {
        using var folder = new ScratchFolder("imagecache-seed");
        string[] files = [Path.Combine(folder.Path, "a.png"), Path.Combine(folder.Path, "b.png")];
        for (int i = 0; i < files.Length; i++)
            ImageDecoder.WritePng(files[i], [.. Enumerable.Range(0, 3 * 5 * 6).Select(p => (byte)(p * (i + 5)))], 3, 5, 6);
        var cache = DecodedImageCache.Ensure(Path.Combine(folder.Path, "cache"), "seed", "train", new FileSplit(files, [0, 1]), 4, 3, out _);
        return File.ReadAllBytes(cache.Path);
    }
}
