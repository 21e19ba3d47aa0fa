using LossSearch.Learning.Models;
using static TorchSharp.torch;

namespace LossSearch.Fuzz;

/// <summary>
/// One input as a weights file loaded strictly into a model: a PyTorch zip pickle (<c>.pth</c>) when it
/// starts like a zip archive, else <c>.safetensors</c>. The model is one small linear layer: the loader's
/// parsing does not depend on the architecture, and small seeds keep AFL++ fast.
/// </summary>
internal static class StateDictTarget
{
    private static readonly Lazy<nn.Module> Model = new(() => nn.Sequential(("fc", nn.Linear(3, 2))));

    public static void Run(byte[] input)
    {
        using var folder = new ScratchFolder("statedict");
        bool zip = input.Length >= 2 && input[0] == (byte)'P' && input[1] == (byte)'K';
        var path = Path.Combine(folder.Path, zip ? "weights.pth" : "weights.safetensors");
        File.WriteAllBytes(path, input);
        using var scope = NewDisposeScope();
        StateDictFiles.LoadStrict(Model.Value, path);
    }

    /// <summary>The model's weights as <see cref="StateDictFiles.Save"/> writes them, pickled and as safetensors.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        using var folder = new ScratchFolder("statedict-seed");
        foreach (var name in new[] { "weights.pth", "weights.safetensors" })
        {
            var path = Path.Combine(folder.Path, name);
            StateDictFiles.Save(Model.Value, path);
            yield return (name, File.ReadAllBytes(path));
        }
    }
}
