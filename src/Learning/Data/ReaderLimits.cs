namespace LossSearch.Learning.Data;

/// <summary>
/// Ceilings every file reader holds to, so that a small crafted file cannot exhaust memory or the
/// stack: a decompressed size (besides what each header declares) and a nesting depth. Set once at
/// start-up from <c>Data:MaxDecompressedBytes</c> and <c>Data:MaxNesting</c>.
/// </summary>
public static class ReaderLimits
{
    public static long MaxDecompressedBytes { get; set; } = 4L << 30;
    public static int MaxNesting { get; set; } = 64;

    /// <summary>Throws <see cref="InvalidInputException"/> when <paramref name="declared"/> bytes are above the ceiling.</summary>
    public static void CheckDeclared(string file, long declared, string what)
    {
        // One .NET array holds at most Array.MaxLength bytes, whatever the ceiling says.
        long ceiling = Math.Min(MaxDecompressedBytes, Array.MaxLength - 1L);
        if (declared > ceiling)
            throw new InvalidInputException(
                $"{file}: {what} declares {declared:N0} bytes, above the reader ceiling of {ceiling:N0} (Data:MaxDecompressedBytes).");
    }

    /// <summary>Reads up to <paramref name="count"/> bytes (fewer only at the end of the stream).</summary>
    public static byte[] ReadUpTo(Stream stream, long count)
    {
        var buffer = new byte[count];
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, total, (int)Math.Min(int.MaxValue, count - total));
            if (read == 0) break;
            total += read;
        }
        return total == count ? buffer : buffer[..total];
    }
}
