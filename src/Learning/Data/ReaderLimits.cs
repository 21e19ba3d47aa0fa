namespace LossSearch.Learning.Data;

/// <summary>
/// Ceilings every file reader holds to, so that a small crafted file cannot exhaust memory or the
/// stack: a decompressed size (besides what each header declares), a nesting depth and the pixels of a
/// decoded image. Set once at start-up from <c>Data:MaxDecompressedBytes</c>, <c>Data:MaxNesting</c> and
/// <c>Data:MaxImagePixels</c>.
/// </summary>
public static class ReaderLimits
{
    public static long MaxDecompressedBytes { get; set; } = 4L << 30;
    public static int MaxNesting { get; set; } = 64;

    /// <summary>Width × height an image file's header may declare (40 Mpx: 160 MB decoded as RGBA).</summary>
    public static long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Throws <see cref="InvalidInputException"/> when an image header declares more than <see cref="MaxImagePixels"/>.</summary>
    public static void CheckImage(string name, int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new InvalidInputException($"{name}: the image header declares {width}×{height} pixels.");
        if ((long)width * height > MaxImagePixels)
            throw new InvalidInputException(
                $"{name}: the image header declares {width}×{height} = {(long)width * height:N0} pixels, above the reader limit of {MaxImagePixels:N0} (Data:MaxImagePixels).");
    }

    /// <summary>Throws <see cref="InvalidInputException"/> when <paramref name="declared"/> bytes are above the ceiling.</summary>
    public static void CheckDeclared(string file, long declared, string what)
    {
        // One .NET array holds at most Array.MaxLength bytes, whatever the ceiling says.
        long ceiling = Math.Min(MaxDecompressedBytes, Array.MaxLength - 1L);
        if (declared > ceiling)
            throw new InvalidInputException(
                $"{file}: {what} declares {declared:N0} bytes, above the reader ceiling of {ceiling:N0} (Data:MaxDecompressedBytes).");
    }

    /// <summary>
    /// Reads up to <paramref name="count"/> bytes (fewer only at the end of the stream). Memory grows with
    /// what actually arrives, not with <paramref name="count"/>: a short file declaring gigabytes costs little.
    /// </summary>
    public static byte[] ReadUpTo(Stream stream, long count)
    {
        const int Chunk = 1 << 20;
        if (count <= Chunk)
        {
            var small = new byte[count];
            int got = Fill(stream, small, 0, small.Length);
            return got == count ? small : small[..got];
        }
        using var memory = new MemoryStream();
        var buffer = new byte[Chunk];
        long total = 0;
        while (total < count)
        {
            int got = Fill(stream, buffer, 0, (int)Math.Min(Chunk, count - total));
            if (got == 0) break;
            memory.Write(buffer, 0, got);
            total += got;
        }
        return memory.ToArray();
    }

    private static int Fill(Stream stream, byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, offset + total, count - total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
