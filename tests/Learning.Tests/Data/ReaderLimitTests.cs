using System.Buffers.Binary;
using System.IO.Compression;
using LossSearch.Learning.Data;
using LossSearch.Learning.Data.Formats;
using LossSearch.Learning.Data.Mat;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Search;

namespace LossSearch.Learning.Tests.Data;

/// <summary>Small crafted files get our own bad-input error, never a crash, a stack overflow or unbounded memory.</summary>
public class ReaderLimitTests
{
    private static void Gzip(string path, byte[] head, long zeros)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(head);
        var block = new byte[1 << 20];
        for (long left = zeros; left > 0; left -= block.Length) gzip.Write(block, 0, (int)Math.Min(block.Length, left));
    }

    private static void WriteMnist(string directory, byte[] trainImages, byte[] trainLabels)
    {
        File.WriteAllBytes(Path.Combine(directory, "train-images-idx3-ubyte"), trainImages);
        File.WriteAllBytes(Path.Combine(directory, "train-labels-idx1-ubyte"), trainLabels);
        File.WriteAllBytes(Path.Combine(directory, "t10k-images-idx3-ubyte"), IdxReaderTests.ImagesFile(2, 28, 28, 5));
        File.WriteAllBytes(Path.Combine(directory, "t10k-labels-idx1-ubyte"), IdxReaderTests.LabelsFile([1, 2]));
    }

    [Fact]
    public void AGzipIdxBombInflatesNoFurtherThanItsHeaderDeclares()
    {
        using var dir = new TempDirectory();
        // The header declares 2 images of 28×28; the stream goes on for 256 MB of zeros (a few hundred KB compressed).
        string file = Path.Combine(dir.Path, "bomb-images-idx3-ubyte.gz");
        Gzip(file, IdxReaderTests.ImagesFile(2, 28, 28, 1), 256L << 20);
        Assert.True(new FileInfo(file).Length < 4 << 20, $"{new FileInfo(file).Length} bytes compressed");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidInputException>(() => IdxReader.ReadImages(file));
        Assert.Contains("padded at offset 1584", error.Message);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes for a header declaring 1,568");
    }

    [Fact]
    public void AHeaderDeclaringMoreThanTheCeilingIsRefusedBeforeReading()
    {
        using var dir = new TempDirectory();
        var header = IdxReaderTests.ImagesFile(0, 0, 0, 1);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), int.MaxValue);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 28);
        string file = Path.Combine(dir.Path, "huge-images-idx3-ubyte");
        File.WriteAllBytes(file, header);
        var error = Assert.Throws<InvalidInputException>(() => IdxReader.ReadImages(file));
        Assert.Contains("above the reader ceiling", error.Message);
    }

    [Fact]
    public void AShortFileDeclaringHundredsOfMegabytesCostsWhatItHolds()
    {
        using var dir = new TempDirectory();
        var header = IdxReaderTests.ImagesFile(1, 28, 28, 1);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 600_000);
        string file = Path.Combine(dir.Path, "short-images-idx3-ubyte");
        File.WriteAllBytes(file, header);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("truncated", Assert.Throws<InvalidInputException>(() => IdxReader.ReadImages(file)).Message);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes for a file of {header.Length}");
    }

    [Fact]
    public void LabelsAndImagesThatDisagreeAreNamedNotAnEmptyHandle()
    {
        using var dir = new TempDirectory();
        WriteMnist(dir.Path, IdxReaderTests.ImagesFile(100, 28, 28, 1), IdxReaderTests.LabelsFile(new byte[95]));
        var error = Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read($"mnist:{dir.Path}"));
        Assert.Contains("95 labels for 100 images", error.Message);
    }

    [Fact]
    public void DeeplyNestedCellsAreRefusedNotAStackOverflow()
    {
        MatV5Writer.Value value = new MatV5Writer.Doubles([1, 1], [1]);
        for (int i = 0; i < 2000; i++) value = new MatV5Writer.Cell([1, 1], [value]);
        foreach (bool compress in new[] { false, true })
        {
            var error = Assert.Throws<InvalidInputException>(() => MatFileReader.Read(MatV5Writer.Bytes(compress, ("deep", value)), "deep.mat"));
            Assert.Contains("nested 65 deep", error.Message);
        }
        MatV5Writer.Value shallow = new MatV5Writer.Doubles([1, 1], [1]);
        for (int i = 0; i < 10; i++) shallow = new MatV5Writer.Cell([1, 1], [shallow]);
        Assert.IsType<MatCell>(MatFileReader.Read(MatV5Writer.Bytes(true, ("ok", shallow)), "ok.mat")["ok"]);
    }

    [Fact]
    public void AZlibElementInflatesNoFurtherThanItsInnerTagDeclares()
    {
        var plain = MatV5Writer.Bytes(false, ("x", new MatV5Writer.Doubles([1, 1], [3])));
        var matrix = plain[128..];
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(matrix);
            var block = new byte[1 << 20];
            for (int i = 0; i < 256; i++) zlib.Write(block);
        }
        var tag = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tag, 15);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(4), (int)packed.Length);
        byte[] file = [.. plain[..128], .. tag, .. packed.ToArray()];
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidInputException>(() => MatFileReader.Read(file, "bomb.mat"));
        Assert.Contains("inflates to more than", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "inflated far more than the tag declared");

        // An inner tag that declares more than the ceiling is refused before inflating.
        var lying = matrix.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(lying.AsSpan(4), int.MaxValue);
        using var small = new MemoryStream();
        using (var zlib = new ZLibStream(small, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(lying);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(4), (int)small.Length);
        var ceiling = Assert.Throws<InvalidInputException>(() => MatFileReader.Read([.. plain[..128], .. tag, .. small.ToArray()], "lying.mat"));
        Assert.Contains("above the reader ceiling", ceiling.Message);
    }

    [Fact]
    public void AShortHistoryIsNamedWithItsLength()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "history.jsonl");
        File.WriteAllText(path, "0123456789");
        var error = Assert.Throws<InvalidInputException>(() => SearchHistory.Open(path, 100));
        Assert.Contains("history is 10 bytes, shorter than the 100", error.Message);
    }

    [Fact]
    public void TwoCorruptStateFilesAreBadInputNamingBoth()
    {
        using var dir = new TempDirectory();
        var checkpoint = new SearchCheckpoint(dir.Path);
        File.WriteAllText(checkpoint.LatestPath, "{ not json");
        File.WriteAllText(checkpoint.PreviousPath, "also broken");
        var error = Assert.Throws<InvalidInputException>(() => checkpoint.Load(out _));
        Assert.Contains(checkpoint.LatestPath, error.Message);
        Assert.Contains(checkpoint.PreviousPath, error.Message);
    }

    [Fact]
    public void LongLossTextsAreRefusedAndQuotedByTheirNeighbourhood()
    {
        string huge = string.Join(" + ", Enumerable.Repeat("y * log(yhat)", 10_000));
        var tooLong = Assert.Throws<LossSyntaxException>(() => LossParser.Parse(huge));
        Assert.Contains($"at most {LossParser.MaxLength} characters", tooLong.Message);
        Assert.True(tooLong.Message.Length < 400, tooLong.Message);

        string broken = string.Join(" + ", Enumerable.Repeat("y * log(yhat)", 100)) + " + ) + y";
        var syntax = Assert.Throws<LossSyntaxException>(() => LossParser.Parse(broken));
        Assert.True(syntax.Message.Length < 400, syntax.Message);
        Assert.Contains("+ ) + y", syntax.Message);
        Assert.Contains($"position {broken.IndexOf("+ )", StringComparison.Ordinal) + 3}", syntax.Message);
    }
}
