using LossSearch.Learning.Data.Mat;
using static LossSearch.Learning.Tests.Data.MatV5Writer;

namespace LossSearch.Learning.Tests.Data;

public class MatFileReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The committed fixtures, as the writer produces them (regenerate with LOSSSEARCH_WRITE_FIXTURES=1).</summary>
    internal static readonly (string File, bool Compressed, (string, Value)[] Variables)[] Fixtures =
    [
        ("numeric_char.mat", false,
        [
            ("labels", new Doubles([1, 5], [3, 1, 4, 1, 5])),
            ("ids", new UInt8s([1, 3], [7, 8, 9])),
            ("grid", new Int32s([2, 3], [1, 4, 2, 5, 3, 6])),
            ("name", Chars.Row("hello")),
            ("rows", new Chars([2, 3], "adbecf")),
        ]),
        ("compressed_struct_cell.mat", true,
        [
            ("class_names", new Cell([1, 3], [Chars.Row("AM General Hummer SUV 2000"), Chars.Row("Acura RL Sedan 2012"), Chars.Row("Audi TT Hatchback 2011")])),
            ("annotations", new Struct([1, 2], ["bbox_x1", "class", "fname"],
            [
                new() { ["bbox_x1"] = new Doubles([1, 1], [39]), ["class"] = new UInt8s([1, 1], [3]), ["fname"] = Chars.Row("00001.jpg") },
                new() { ["bbox_x1"] = new Doubles([1, 1], [36]), ["class"] = new UInt8s([1, 1], [1]), ["fname"] = Chars.Row("00002.jpg") },
            ])),
        ]),
    ];

    [Fact]
    public void FixturesAreWhatTheWriterProduces()
    {
        foreach (var (file, compressed, variables) in Fixtures)
        {
            var bytes = MatV5Writer.Bytes(compressed, variables);
            if (Environment.GetEnvironmentVariable("LOSSSEARCH_WRITE_FIXTURES") == "1")
                System.IO.File.WriteAllBytes(Path.Combine(FindSourceFixtures(), file), bytes);
            // zlib's output may differ between runtime versions; the uncompressed layout may not.
            if (!compressed) Assert.Equal(bytes, System.IO.File.ReadAllBytes(Fixture(file)));
        }
    }

    [Fact]
    public void ReadsNumericArraysOfEveryStorageAndCharArrays()
    {
        var file = MatFileReader.Read(Fixture("numeric_char.mat"));
        var labels = Assert.IsType<MatNumeric>(file["labels"]);
        Assert.Equal([1, 5], labels.Dimensions);
        Assert.Equal("double", labels.Class);
        Assert.Equal([3.0, 1, 4, 1, 5], labels.Values);
        var ids = Assert.IsType<MatNumeric>(file["ids"]); // stored in the small-element form
        Assert.Equal("uint8", ids.Class);
        Assert.Equal([7.0, 8, 9], ids.Values);
        var grid = Assert.IsType<MatNumeric>(file["grid"]);
        Assert.Equal([2, 3], grid.Dimensions);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], grid.Values); // column-major
        Assert.Equal("hello", Assert.IsType<MatChar>(file["name"]).Text);
        Assert.Equal(["abc", "def"], Assert.IsType<MatChar>(file["rows"]).Rows);
    }

    [Fact]
    public void ReadsCompressedCellsAndStructs()
    {
        var path = Fixture("compressed_struct_cell.mat");
        Assert.Equal(15, BitConverter.ToInt32(System.IO.File.ReadAllBytes(path), 128)); // miCOMPRESSED
        var file = MatFileReader.Read(path);
        var names = file.Variable<MatCell>(path, "class_names");
        Assert.Equal(["AM General Hummer SUV 2000", "Acura RL Sedan 2012", "Audi TT Hatchback 2011"],
            names.Items.Select(i => ((MatChar)i).Text));
        var annotations = file.Variable<MatStruct>(path, "annotations");
        Assert.Equal(["bbox_x1", "class", "fname"], annotations.FieldNames);
        Assert.Equal(2, annotations.Elements.Count);
        Assert.Equal("00002.jpg", annotations.Field<MatChar>(1, "fname", path, "annotations").Text);
        Assert.Equal(3.0, annotations.Field<MatNumeric>(0, "class", path, "annotations").Scalar(path, "class"));
        Assert.Equal(36.0, annotations.Field<MatNumeric>(1, "bbox_x1", path, "annotations").Values[0]);
    }

    [Fact]
    public void ReadsAHandAssembledElementLaidOutAsTheSpecificationShows()
    {
        // miMATRIX 'x' = int16 [-2 7] stored as a 1×2 double array whose data element uses miINT16.
        var bytes = new List<byte>(new byte[116].Select(_ => (byte)' ')) { Capacity = 256 };
        bytes.AddRange(new byte[8]);
        bytes.AddRange([0x00, 0x01, (byte)'I', (byte)'M']);
        void U32(uint v) => bytes.AddRange(BitConverter.GetBytes(v));
        U32(14); U32(48);                             // miMATRIX, 48 bytes follow
        U32(6); U32(8); U32(6); U32(0);               // array flags: miUINT32 ×2, class mxDOUBLE (6)
        U32(5); U32(8); U32(1); U32(2);               // dimensions: miINT32 [1 2]
        U32(1 << 16 | 1); bytes.AddRange([(byte)'x', 0, 0, 0]); // name, small element: 1 byte of miINT8
        U32(4 << 16 | 3); bytes.AddRange(BitConverter.GetBytes((short)-2)); bytes.AddRange(BitConverter.GetBytes((short)7)); // small miINT16 ×2
        var value = Assert.IsType<MatNumeric>(MatFileReader.Read([.. bytes], "hand.mat")["x"]);
        Assert.Equal([1, 2], value.Dimensions);
        Assert.Equal([-2.0, 7.0], value.Values);
    }

    [Fact]
    public void MissingVariablesAndFieldsAreNamed()
    {
        var path = Fixture("compressed_struct_cell.mat");
        var file = MatFileReader.Read(path);
        var missing = Assert.Throws<InvalidInputException>(() => file.Variable<MatNumeric>(path, "labels"));
        Assert.Contains("'labels'", missing.Message);
        Assert.Contains(path, missing.Message);
        var annotations = file.Variable<MatStruct>(path, "annotations");
        var field = Assert.Throws<InvalidInputException>(() => annotations.Field<MatChar>(0, "bbox_y2", path, "annotations"));
        Assert.Contains("bbox_y2", field.Message);
        var wrongType = Assert.Throws<InvalidInputException>(() => file.Variable<MatNumeric>(path, "class_names"));
        Assert.Contains("cell", wrongType.Message);
    }

    [Fact]
    public void TruncatedAndForeignFilesAreRejectedWithTheirOffset()
    {
        var bytes = System.IO.File.ReadAllBytes(Fixture("numeric_char.mat"));
        var truncated = Assert.Throws<InvalidInputException>(() => MatFileReader.Read(bytes[..(bytes.Length - 20)], "cut.mat"));
        Assert.Contains("cut.mat", truncated.Message);
        Assert.Contains("offset", truncated.Message);
        var foreign = Assert.Throws<InvalidInputException>(() => MatFileReader.Read(new byte[200], "zeros.mat"));
        Assert.Contains("offset 126", foreign.Message);
    }

    private static string FindSourceFixtures()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "LossSearch.Learning.Tests.csproj")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("test project"), "Fixtures");
    }
}
