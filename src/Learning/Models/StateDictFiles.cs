using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>
/// PyTorch state dicts on disk: <c>.pth</c>/<c>.pt</c> (pickled, via TorchSharp.PyBridge) and
/// <c>.safetensors</c>. Loading is strict: every key must be present with the model's shape and no key
/// may be left over; otherwise nothing is copied and the error lists every mismatch.
/// </summary>
public static class StateDictFiles
{
    public static void Save(nn.Module model, string path)
    {
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            if (IsSafetensors(path)) model.save_safetensors(stream, leaveOpen: true);
            else model.save_py(stream, leaveOpen: true);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static void LoadStrict(nn.Module model, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"weights file '{path}' does not exist.", path);
        var loaded = Read(path);
        try
        {
            var target = model.state_dict();
            var problems = Compare(target, loaded).ToList();
            if (problems.Count > 0)
                throw new InvalidInputException(
                    $"weights file '{path}' does not match the model ({problems.Count} problem(s)):\n  " + string.Join("\n  ", problems));
            using var noGrad = torch.no_grad();
            foreach (var (key, tensor) in target)
                tensor.copy_(loaded[key]);
        }
        finally
        {
            foreach (var tensor in loaded.Values) tensor.Dispose();
        }
    }

    /// <summary>Missing keys, unexpected keys and shape or dtype mismatches, each as one line.</summary>
    public static IEnumerable<string> Compare(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        foreach (var (key, tensor) in expected)
        {
            if (!actual.TryGetValue(key, out var other))
                yield return $"missing key {key} [{Shape(tensor)}]";
            else if (!tensor.shape.SequenceEqual(other.shape))
                yield return $"shape mismatch at {key}: model [{Shape(tensor)}], file [{Shape(other)}]";
            else if (tensor.dtype != other.dtype)
                yield return $"dtype mismatch at {key}: model {tensor.dtype}, file {other.dtype}";
        }
        foreach (var key in actual.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal))
            yield return $"unexpected key {key} [{Shape(actual[key])}]";
    }

    private static Dictionary<string, Tensor> Read(string path)
    {
        try
        {
            if (IsSafetensors(path))
            {
                SafetensorsHeader.Check(path);
                return Safetensors.LoadStateDict(path);
            }
            var table = PyTorchUnpickler.UnpickleStateDict(path);
            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in table)
                result[(string)entry.Key] = (Tensor)entry.Value!;
            return result;
        }
        catch (Exception e) when (e is not InvalidInputException and not FileNotFoundException)
        {
            throw new InvalidInputException($"weights file '{path}' is not a readable PyTorch state dict: {e.Message}", e);
        }
    }

    private static bool IsSafetensors(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    private static string Shape(Tensor t) => string.Join(", ", t.shape);
}
