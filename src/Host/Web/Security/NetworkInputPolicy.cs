using System.Collections;
using LossSearch.Learning;
using LossSearch.Learning.Data;
using LossSearch.Workflows.Activities;

namespace LossSearch.Host.Web.Security;

/// <summary>
/// What a request over the network may name in an input: paths and dataset folders under the data
/// roots, generated datasets and image sides within the limits. The CLI does not apply it: its user
/// may read any file they can.
/// </summary>
public sealed class NetworkInputPolicy(DataRoots roots, RequestLimits limits) : IInputPolicy
{
    public string? Check(InputDescriptor input, object value) => input.Kind switch
    {
        InputKind.Path => Each(value, CheckPath),
        InputKind.DatasetSpec => Each(value, CheckDataset),
        InputKind.ImageSide when value is int side && side > limits.MaxImageSide =>
            $"{side} is above this server's image side limit of {limits.MaxImageSide} (Server:Limits:MaxImageSide)",
        _ => null,
    };

    private static string? Each(object value, Func<string, string?> check)
    {
        if (value is string text) return check(text);
        if (value is not IEnumerable items) return null;
        int index = 0;
        foreach (var item in items)
        {
            if (item is string one && check(one) is { } problem) return $"item {index}: {problem}";
            index++;
        }
        return null;
    }

    private string? CheckPath(string path) => path.Length == 0 || roots.Allows(path) ? null : roots.Refusal(path);

    private string? CheckDataset(string text)
    {
        DatasetSpec spec;
        try { spec = DatasetSpec.Parse(text); }
        catch (InvalidInputException e) { return e.Message; }
        if (spec.Format != "synthetic") return CheckPath(spec.Location);
        try
        {
            // The generator's defaults: 2,000 training images, max(classes, n / 5) test images.
            int classes = spec.Int("classes", 0, min: 0);
            int train = spec.Int("n", 2000, min: 0);
            int test = spec.Int("test", Math.Max(classes, train / 5), min: 0);
            if (classes > limits.MaxSyntheticClasses)
                return $"{text}: classes={classes} is above this server's limit of {limits.MaxSyntheticClasses} (Server:Limits:MaxSyntheticClasses)";
            if (train + (long)test > limits.MaxSyntheticImages)
                return $"{text}: n + test = {train + (long)test} images is above this server's limit of {limits.MaxSyntheticImages} (Server:Limits:MaxSyntheticImages)";
            return null;
        }
        catch (InvalidInputException e) { return e.Message; }
    }
}
