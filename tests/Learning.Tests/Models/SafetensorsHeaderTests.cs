using System.Buffers.Binary;
using System.Text;
using LossSearch.Learning.Models;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Models;

/// <summary>A crafted <c>.safetensors</c> header is refused from the header alone, before the loader allocates what it declares.</summary>
public sealed class SafetensorsHeaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("losssearch-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] File(string header, int dataBytes, ulong? declared = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declared ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private const string Weight = "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}";
    private const string Bias = "\"fc.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}";

    [Fact]
    public void AShortFileDeclaringAHugeHeaderIsRefusedWithoutAllocatingIt()
    {
        // What AFL++ found: 180 bytes whose first 8 declare a 503 MB header (the loader took 24 s and 1.6 GB).
        var path = Write("bomb.safetensors", File("{" + Weight + "," + Bias + "}", 32, declared: 0x1e00007e));
        using var model = nn.Sequential(("fc", nn.Linear(3, 2)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidInputException>(() => StateDictFiles.LoadStrict(model, path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "allocated what the header declared");
        Assert.Contains(path, error.Message);
        Assert.Contains("header length 503,316,606 does not fit", error.Message);
    }

    [Theory]
    [InlineData("\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,4000000000]}", "outside the 32 data bytes")]
    [InlineData("\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[200000,300000],\"data_offsets\":[0,24]}", "does not take its 24 bytes")]
    [InlineData("\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[-2,3],\"data_offsets\":[0,24]}", "has shape [-2,3]")]
    [InlineData("\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,3]}", "lacks a dtype, a shape or two data_offsets")]
    public void ATensorThatDoesNotFitTheFileIsRefusedNamingIt(string weight, string says)
    {
        var path = Write("bad.safetensors", File("{" + weight + "," + Bias + "}", 32));
        using var model = nn.Sequential(("fc", nn.Linear(3, 2)));
        var error = Assert.Throws<InvalidInputException>(() => StateDictFiles.LoadStrict(model, path));
        Assert.Contains("tensor 'fc.weight'", error.Message);
        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void AWellFormedFileLoads()
    {
        var path = Write("good.safetensors", File("{" + Weight + "," + Bias + "}", 32));
        using var model = nn.Sequential(("fc", nn.Linear(3, 2)));
        StateDictFiles.LoadStrict(model, path);
        Assert.Equal(0f, model.state_dict()["fc.weight"].abs().sum().item<float>());
    }
}
