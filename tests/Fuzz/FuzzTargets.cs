using LossSearch.Learning;
using LossSearch.Learning.Data.Formats;
using LossSearch.Learning.Data.Mat;
using LossSearch.Learning.Losses;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;

namespace LossSearch.Fuzz;

/// <summary>
/// The inputs fuzzed, one entry point each. An input must give a result or our own bad-input
/// exception (<see cref="InvalidInputException"/>, <see cref="WorkflowValidationException"/>); any other
/// exception escapes and is a finding.
/// </summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names = ["loss", "idx", "mat", "definition", "cifar", "imagecache", "statedict"];

    private static readonly Lazy<ActivityRegistry> Registry = new(ActivityRegistry.WithBuiltIns);

    public static void Run(string target, byte[] input)
    {
        try
        {
            switch (target)
            {
                case "loss": Loss(System.Text.Encoding.UTF8.GetString(input)); break;
                case "idx": Idx(input); break;
                case "mat": MatFileReader.Read(input, "fuzz.mat"); break;
                case "definition": new DefinitionValidator(Registry.Value).Validate(DefinitionJson.Parse(System.Text.Encoding.UTF8.GetString(input))); break;
                case "cifar": CifarTarget.Run(input); break;
                case "imagecache": ImageCacheTarget.Run(input); break;
                case "statedict": StateDictTarget.Run(input); break;
                default: throw new ArgumentException($"unknown fuzz target '{target}' (known: {string.Join(", ", Names)})");
            }
        }
        catch (InvalidInputException) { }
        catch (WorkflowValidationException) { }
    }

    /// <summary>Runs one reading of several a target makes, so that a bad-input error in one does not skip the rest.</summary>
    internal static void Expect(Action read)
    {
        try { read(); }
        catch (InvalidInputException) { }
    }

    /// <summary>Seed inputs in the target's real format, written by our own writers (for the targets whose seeds are binary).</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Seeds(string target) => target switch
    {
        "cifar" => [("seed-two-records.bin", CifarTarget.Seed())],
        "imagecache" => [("seed-two-images.lsimg", ImageCacheTarget.Seed())],
        "statedict" => StateDictTarget.Seeds().Select(s => ($"seed-{s.Name}", s.Bytes)),
        _ => throw new ArgumentException($"target '{target}' has no generated seeds (its corpus holds hand-written ones)"),
    };

    private static void Loss(string text)
    {
        var expression = LossCatalog.Resolve(text);
        _ = expression.ToString();
        _ = LossLatex.Render(expression);
    }

    /// <summary>Read as images and as labels, gzipped when it starts like gzip.</summary>
    private static void Idx(byte[] input)
    {
        bool gzip = input.Length >= 2 && input[0] == 0x1f && input[1] == 0x8b;
        string file = Path.Combine(Path.GetTempPath(), $"losssearch-fuzz-{Environment.ProcessId}-idx{(gzip ? ".gz" : "")}");
        File.WriteAllBytes(file, input);
        try
        {
            Expect(() => IdxReader.ReadImages(file).Dispose());
            IdxReader.ReadLabels(file, 10).Dispose();
        }
        finally { File.Delete(file); }
    }
}
