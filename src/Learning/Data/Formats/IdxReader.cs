using System.Buffers.Binary;
using System.IO.Compression;
using static TorchSharp.torch;

namespace LossSearch.Learning.Data.Formats;

/// <summary>
/// MNIST-style IDX files, gzipped (<c>.gz</c>) or not: big-endian magic 0x00000803 (uint8 images,
/// dims N, rows, cols) or 0x00000801 (uint8 labels, dim N), then the raw bytes.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803, LabelsMagic = 0x00000801;

    public static readonly string[] FashionClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static readonly string[] DigitClasses = [.. Enumerable.Range(0, 10).Select(i => i.ToString())];

    /// <summary>Reads <c>train-*</c> and <c>t10k-*</c> image/label files from a directory, gzipped or not.</summary>
    public static PublishedDataset ReadMnistLike(string format, string directory, IReadOnlyList<string> classes)
    {
        if (!Directory.Exists(directory))
            throw new InvalidInputException($"{directory}: no such directory.");
        var splits = new Dictionary<string, PublishedSplit>();
        try
        {
            foreach (var (split, prefix) in new[] { ("train", "train"), ("test", "t10k") })
            {
                var images = ReadImages(Find(directory, $"{prefix}-images-idx3-ubyte"));
                var labelFile = Find(directory, $"{prefix}-labels-idx1-ubyte");
                Tensor labels;
                try { labels = ReadLabels(labelFile, classes.Count); }
                catch { images.Dispose(); throw; }
                long labelCount = labels.shape[0], imageCount = images.shape[0];
                if (labelCount != imageCount)
                {
                    images.Dispose(); labels.Dispose();
                    throw new InvalidInputException($"{labelFile}: {labelCount} labels for {imageCount} images.");
                }
                splits[split] = new DecodedSplit(new ImageSet(images, labels, classes));
            }
        }
        catch
        {
            foreach (var done in splits.Values) done.Dispose();
            throw;
        }
        return new PublishedDataset(format, directory, classes, splits);
    }

    /// <summary>uint8 [N, 1, rows, cols].</summary>
    public static Tensor ReadImages(string file)
    {
        var (count, dims, pixels) = Read(file, ImagesMagic, 3);
        return tensor(pixels, [count, 1, dims[1], dims[2]], ScalarType.Byte);
    }

    /// <summary>int64 [N]; fails on a label outside [0, classes).</summary>
    public static Tensor ReadLabels(string file, int classes)
    {
        var (count, _, bytes) = Read(file, LabelsMagic, 1);
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = bytes[i];
            if (labels[i] >= classes)
                throw new InvalidInputException($"{file}: label {labels[i]} at offset {8 + i} is out of range [0, {classes}).");
        }
        return tensor(labels);
    }

    /// <summary>
    /// The header, then exactly the bytes it declares: never more is decompressed than the header says
    /// (plus one byte, to tell padding), and never more than <see cref="ReaderLimits.MaxDecompressedBytes"/>.
    /// </summary>
    private static (int Count, int[] Dims, byte[] Body) Read(string file, int magic, int rank)
    {
        try
        {
            using var stream = Open(file);
            int headerBytes = 4 + 4 * rank;
            var header = ReaderLimits.ReadUpTo(stream, headerBytes);
            int count = Header(file, header, magic, rank, out var dims);
            long body = 1;
            foreach (var d in dims)
            {
                body *= d;
                ReaderLimits.CheckDeclared(file, body, "the header");
            }
            var bytes = ReaderLimits.ReadUpTo(stream, body + 1);
            long expected = headerBytes + body;
            string shape = string.Join("×", dims);
            if (bytes.Length < body)
                throw new InvalidInputException($"{file}: {headerBytes + bytes.Length} bytes, but the header ({shape}) needs {expected} (truncated at offset {headerBytes + bytes.Length}).");
            if (bytes.Length > body)
                throw new InvalidInputException($"{file}: more than the {expected} bytes the header ({shape}) needs (padded at offset {expected}).");
            return (count, dims, bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException($"{file}: not a valid gzip stream ({e.Message}).", e);
        }
    }

    private static Stream Open(string file)
    {
        var raw = File.OpenRead(file);
        return file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
    }

    private static int Header(string file, byte[] bytes, int magic, int rank, out int[] dims)
    {
        int headerBytes = 4 + 4 * rank;
        if (bytes.Length < headerBytes)
            throw new InvalidInputException($"{file}: {bytes.Length} bytes is shorter than the {headerBytes}-byte IDX header.");
        int found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic)
            throw new InvalidInputException($"{file}: magic number 0x{found:X8} at offset 0, expected 0x{magic:X8} ({(magic == ImagesMagic ? "uint8 images, 3 dims" : "uint8 labels, 1 dim")}).");
        dims = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dims[d] < 0)
                throw new InvalidInputException($"{file}: negative dimension {dims[d]} at offset {4 + 4 * d}.");
        }
        return dims[0];
    }

    private static string Find(string directory, string stem)
    {
        foreach (var name in new[] { stem + ".gz", stem, stem.Replace("-idx", ".idx") + ".gz", stem.Replace("-idx", ".idx") })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path)) return path;
        }
        throw new InvalidInputException($"{Path.Combine(directory, stem)}(.gz): missing.");
    }
}
