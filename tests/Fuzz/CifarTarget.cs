using LossSearch.Learning.Data.Formats;

namespace LossSearch.Fuzz;

/// <summary>
/// One input as every CIFAR batch file of a folder, read as CIFAR-10 (1 label byte per record) and as
/// CIFAR-100 with fine and with coarse labels (2 label bytes).
/// </summary>
internal static class CifarTarget
{
    private static readonly string[] Cifar10Files = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
    private static readonly string[] Cifar100Files = ["train.bin", "test.bin"];

    public static void Run(byte[] input)
    {
        using var folder = new ScratchFolder("cifar");
        foreach (var name in Cifar10Files.Concat(Cifar100Files)) File.WriteAllBytes(Path.Combine(folder.Path, name), input);
        FuzzTargets.Expect(() => CifarReader.ReadCifar10(folder.Path).Dispose());
        FuzzTargets.Expect(() => CifarReader.ReadCifar100(folder.Path).Dispose());
        FuzzTargets.Expect(() => CifarReader.ReadCifar100(folder.Path, coarse: true).Dispose());
    }

    /// <summary>Two CIFAR-10 records (label, then R, G, B planes of 32×32), as the binary version holds them.</summary>
    public static byte[] Seed()
    {
        var bytes = new byte[2 * 3073];
        for (int r = 0; r < 2; r++)
        {
            bytes[r * 3073] = (byte)(r * 7);
            for (int p = 1; p < 3073; p++) bytes[r * 3073 + p] = (byte)(p * (r + 3));
        }
        return bytes;
    }
}
