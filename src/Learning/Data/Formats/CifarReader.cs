using static TorchSharp.torch;

namespace LossSearch.Learning.Data.Formats;

/// <summary>
/// The CIFAR binary versions: CIFAR-10 records are 1 label byte + 3072 pixel bytes (R, G, B planes of
/// 32×32) in <c>data_batch_1..5.bin</c> and <c>test_batch.bin</c>; CIFAR-100 records are coarse label,
/// fine label + 3072 bytes in <c>train.bin</c> and <c>test.bin</c>, class names in the meta text files.
/// </summary>
public static class CifarReader
{
    private const int Side = 32, Pixels = 3 * Side * Side;

    public static readonly string[] Cifar10Classes =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public static PublishedDataset ReadCifar10(string directory)
    {
        RequireDirectory(directory);
        var classes = ReadNames(Path.Combine(directory, "batches.meta.txt"), 10) ?? Cifar10Classes;
        var train = ReadRecords([.. Enumerable.Range(1, 5).Select(i => Path.Combine(directory, $"data_batch_{i}.bin"))], 1, 0, 10, classes);
        var test = ReadRecords([Path.Combine(directory, "test_batch.bin")], 1, 0, 10, classes);
        return new PublishedDataset("cifar10", directory, classes, new Dictionary<string, PublishedSplit>
        {
            ["train"] = new DecodedSplit(train),
            ["test"] = new DecodedSplit(test),
        });
    }

    /// <param name="coarse">Use the 20 superclasses instead of the 100 fine classes.</param>
    public static PublishedDataset ReadCifar100(string directory, bool coarse = false)
    {
        RequireDirectory(directory);
        int classCount = coarse ? 20 : 100;
        var classes = ReadNames(Path.Combine(directory, coarse ? "coarse_label_names.txt" : "fine_label_names.txt"), classCount)
            ?? [.. Enumerable.Range(0, classCount).Select(i => $"class{i}")];
        int labelOffset = coarse ? 0 : 1;
        var train = ReadRecords([Path.Combine(directory, "train.bin")], 2, labelOffset, classCount, classes);
        var test = ReadRecords([Path.Combine(directory, "test.bin")], 2, labelOffset, classCount, classes);
        return new PublishedDataset(coarse ? "cifar100-coarse" : "cifar100", directory, classes, new Dictionary<string, PublishedSplit>
        {
            ["train"] = new DecodedSplit(train),
            ["test"] = new DecodedSplit(test),
        });
    }

    private static ImageSet ReadRecords(string[] files, int labelBytes, int labelOffset, int classCount, IReadOnlyList<string> classes)
    {
        int record = labelBytes + Pixels;
        var contents = files.Select(file =>
        {
            if (!File.Exists(file))
                throw new InvalidInputException($"{file}: missing (expected the CIFAR binary version's files in {Path.GetDirectoryName(file)}).");
            var bytes = File.ReadAllBytes(file);
            if (bytes.Length == 0 || bytes.Length % record != 0)
                throw new InvalidInputException($"{file}: {bytes.Length} bytes is not a whole number of {record}-byte records " +
                    $"(truncated at record {bytes.Length / record}, offset {bytes.Length / record * record}).");
            return (file, bytes);
        }).ToList();
        long total = contents.Sum(c => (long)c.bytes.Length / record);
        ReaderLimits.CheckDeclared(Path.GetDirectoryName(files[0]) ?? files[0], total * Pixels, $"{string.Join(", ", files.Select(Path.GetFileName))} with {total:N0} records");
        var pixels = new byte[total * Pixels];
        var labels = new long[total];
        long n = 0;
        foreach (var (file, bytes) in contents)
        {
            for (int offset = 0; offset < bytes.Length; offset += record, n++)
            {
                int label = bytes[offset + labelOffset];
                if (label >= classCount)
                    throw new InvalidInputException($"{file}: label {label} at offset {offset + labelOffset} is out of range [0, {classCount}).");
                labels[n] = label;
                Buffer.BlockCopy(bytes, offset + labelBytes, pixels, (int)(n * Pixels), Pixels);
            }
        }
        return new ImageSet(tensor(pixels, [total, 3, Side, Side], ScalarType.Byte), tensor(labels), classes);
    }

    private static string[]? ReadNames(string file, int expected)
    {
        if (!File.Exists(file)) return null;
        var names = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        return names.Length == expected ? names
            : throw new InvalidInputException($"{file}: {names.Length} class names, expected {expected}.");
    }

    private static void RequireDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidInputException($"{directory}: no such directory.");
    }
}
