using System.Buffers.Binary;
using System.IO.Compression;
using LossSearch.Learning;
using LossSearch.Learning.Data;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli.Interim;

/// <summary>
/// Interim (until the data catalog is connected): Fashion-MNIST from its four gzipped IDX files.
/// Train = the first 90% of the training file (54,000 images), validation = the last 10% (6,000), test = t10k.
/// </summary>
internal static class FashionMnistFiles
{
    public const int TrainImages = 54_000;

    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static DatasetSplits Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"--dataset: folder '{folder}' does not exist.");
        var (trainImages, h, w) = ReadImages(Path.Combine(folder, "train-images-idx3-ubyte.gz"));
        var trainLabels = ReadLabels(Path.Combine(folder, "train-labels-idx1-ubyte.gz"));
        var (testImages, _, _) = ReadImages(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"));
        var testLabels = ReadLabels(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        int n = trainLabels.Length;
        var images = tensor(trainImages, [n, 1, h, w]);
        var labels = tensor(trainLabels.Select(b => (long)b).ToArray());
        int trainCount = n - n / 10;
        var train = new TensorBatchSource(images.slice(0, 0, trainCount, 1), labels.slice(0, 0, trainCount, 1), ClassNames);
        var validation = new TensorBatchSource(images.slice(0, trainCount, n, 1), labels.slice(0, trainCount, n, 1), ClassNames);
        images.Dispose(); // the slices keep the storage alive
        labels.Dispose();
        var test = new TensorBatchSource(tensor(testImages, [testLabels.Length, 1, h, w]), tensor(testLabels.Select(b => (long)b).ToArray()), ClassNames);
        return new DatasetSplits("fashion-mnist", train, validation, test);
    }

    private static (byte[] Pixels, int Height, int Width) ReadImages(string path)
    {
        var bytes = Decompress(path);
        if (bytes.Length < 16 || BinaryPrimitives.ReadInt32BigEndian(bytes) != 0x803)
            throw new InvalidInputException($"{path}: not an IDX image file (magic 0x00000803 expected at byte 0).");
        int count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8));
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12));
        long expected = 16L + (long)count * height * width;
        if (bytes.Length != expected)
            throw new InvalidInputException($"{path}: header promises {count} images of {height}x{width} ({expected} bytes), file holds {bytes.Length}.");
        return (bytes[16..], height, width);
    }

    private static byte[] ReadLabels(string path)
    {
        var bytes = Decompress(path);
        if (bytes.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(bytes) != 0x801)
            throw new InvalidInputException($"{path}: not an IDX label file (magic 0x00000801 expected at byte 0).");
        int count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (bytes.Length != 8 + count)
            throw new InvalidInputException($"{path}: header promises {count} labels, file holds {bytes.Length - 8}.");
        return bytes[8..];
    }

    private static byte[] Decompress(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--dataset: file '{path}' does not exist.", path);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
