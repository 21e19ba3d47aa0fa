using System.Buffers.Binary;
using LossSearch.Learning.Data;

namespace LossSearch.Learning.Tests.Data;

/// <summary>
/// An image file whose header declares more than <see cref="ReaderLimits.MaxImagePixels"/> is refused,
/// naming the file and the limit, from the header alone: decoding would allocate the whole bitmap first.
/// </summary>
public class ImageDimensionLimitTests
{
    /// <summary>A real PNG with its IHDR width and height rewritten (and the chunk's CRC recomputed, which libpng checks).</summary>
    internal static byte[] PngDeclaring(string scratch, int width, int height)
    {
        ImageFixtures.Write(scratch, 1, 4, 4);
        var bytes = File.ReadAllBytes(scratch);
        // Signature (8), IHDR length (4), "IHDR" (4), width, height, …; the CRC covers type and data (17 bytes).
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        return bytes;
    }

    /// <summary>A real baseline JPEG with its start-of-frame height and width rewritten.</summary>
    internal static byte[] JpegDeclaring(string scratch, ushort width, ushort height)
    {
        ImageFixtures.Write(scratch, 2, 4, 4);
        var bytes = File.ReadAllBytes(scratch);
        int sof = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.True(sof > 0, "the encoder wrote no baseline SOF0 segment");
        // FF C0, length (2), precision (1), height (2), width (2).
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), height);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 7), width);
        return bytes;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void APngDeclaring100000By100000IsRefusedNamingTheFileAndNothingIsCached()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "train/a/0.png", "test/a/1.png", "test/b/2.png" }) ImageFixtures.Write(dir[$"tree/{name}"], 0);
        var huge = dir["tree/train/b/huge.png"];
        Directory.CreateDirectory(Path.GetDirectoryName(huge)!);
        File.WriteAllBytes(huge, PngDeclaring(dir["scratch.png"], 100_000, 100_000));

        var error = Assert.Throws<InvalidInputException>(() =>
            DatasetCatalog.Open($"imagefolder:{dir["tree"]}", new DatasetOptions { ImageSize = 16, CacheDirectory = dir["cache"] }).Dispose());
        Assert.Contains(huge, error.Message);
        Assert.Contains("100000×100000", error.Message);
        Assert.Contains("Data:MaxImagePixels", error.Message);
        Assert.False(Directory.Exists(dir["cache"]) && Directory.EnumerateFileSystemEntries(dir["cache"]).Any(), "a cache file was left behind");
    }

    [Fact]
    public void AJpegDeclaringMoreThanTheLimitIsRefusedAndOneWithinItDecodes()
    {
        using var dir = new TempDirectory();
        var huge = dir["huge.jpg"];
        File.WriteAllBytes(huge, JpegDeclaring(dir["scratch.jpg"], 65_000, 65_000));
        var error = Assert.Throws<InvalidInputException>(() => ImageDecoder.DecodeResized(huge, 16));
        Assert.Contains($"{huge}: the image header declares 65000×65000", error.Message);

        var fine = dir["fine.jpg"];
        ImageFixtures.Write(fine, 3, 40, 30);
        Assert.Equal(3 * 16 * 16, ImageDecoder.DecodeResized(fine, 16).Length);
    }

    [Fact]
    public void TheLimitIsASetting()
    {
        using var dir = new TempDirectory();
        var file = dir["small.jpg"];
        ImageFixtures.Write(file, 1, 40, 30);
        long saved = ReaderLimits.MaxImagePixels;
        try
        {
            ReaderLimits.MaxImagePixels = 1000;
            var error = Assert.Throws<InvalidInputException>(() => ImageDecoder.DecodeResized(file, 16));
            Assert.Contains("40×30 = 1,200 pixels, above the reader limit of 1,000 (Data:MaxImagePixels)", error.Message);
        }
        finally
        {
            ReaderLimits.MaxImagePixels = saved;
        }
    }
}
