using LossSearch.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Models;

public sealed class StateDictFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("losssearch-weights-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("weights.pth")]
    [InlineData("weights.safetensors")]
    public void RoundTripRestoresEveryTensorExactly(string file)
    {
        var path = Path.Combine(_folder, file);
        torch.manual_seed(1);
        using var source = new WideResNet(10, 2, classes: 10);
        Perturb(source);
        StateDictFiles.Save(source, path);
        torch.manual_seed(2);
        using var target = new WideResNet(10, 2, classes: 10);
        StateDictFiles.LoadStrict(target, path);
        var expected = source.state_dict();
        foreach (var (key, tensor) in target.state_dict())
            Assert.True(tensor.equal(expected[key]).all().item<bool>(), key);
    }

    [Fact]
    public void PthFileIsAZipArchiveAsPyTorchWritesIt()
    {
        var path = Path.Combine(_folder, "zip.pth");
        using var model = new ResNet9V2(classes: 10);
        StateDictFiles.Save(model, path);
        var head = File.ReadAllBytes(path)[..2];
        Assert.Equal("PK"u8.ToArray(), head);
    }

    [Fact]
    public void MissingUnexpectedAndMisShapedKeysAreAllListedAndNothingIsCopied()
    {
        var path = Path.Combine(_folder, "other.pth");
        using (var other = new WideResNet(10, 2, classes: 100)) StateDictFiles.Save(other, path);
        torch.manual_seed(3);
        using var model = new WideResNet(16, 2, classes: 10);
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var error = Assert.Throws<InvalidInputException>(() => StateDictFiles.LoadStrict(model, path));
        Assert.Contains(path, error.Message);
        Assert.Contains("missing key groups.0.1.bn1.weight", error.Message);
        Assert.Contains("shape mismatch at fc.weight: model [10, 128], file [100, 128]", error.Message);
        foreach (var (key, tensor) in model.state_dict())
            Assert.True(tensor.equal(before[key]).all().item<bool>(), $"{key} was changed by a failed load");

        using var smaller = new WideResNet(10, 2, classes: 10);
        var path2 = Path.Combine(_folder, "bigger.safetensors");
        StateDictFiles.Save(model, path2);
        var unexpected = Assert.Throws<InvalidInputException>(() => StateDictFiles.LoadStrict(smaller, path2));
        Assert.Contains("unexpected key groups.0.1.bn1.weight", unexpected.Message);
    }

    [Fact]
    public void AFileThatIsNoStateDictIsBadInputNamingIt()
    {
        var path = Path.Combine(_folder, "junk.pth");
        File.WriteAllText(path, "not a pickle");
        using var model = new ResNet9V2(classes: 10);
        var error = Assert.Throws<InvalidInputException>(() => StateDictFiles.LoadStrict(model, path));
        Assert.Contains(path, error.Message);
    }

    private static void Perturb(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, tensor) in model.state_dict())
            if (tensor.is_floating_point()) tensor.add_(torch.rand_like(tensor));
            else tensor.add_(7);
    }
}
