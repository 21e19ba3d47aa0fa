using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

/// <summary>Two models' state dicts, key by key and bit for bit.</summary>
internal static class SameWeights
{
    public static void Check(nn.Module expected, nn.Module actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var key in a.Keys)
            Assert.True(a[key].equal(b[key]).all().item<bool>(), $"{key} differs");
    }
}
