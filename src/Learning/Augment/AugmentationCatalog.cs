using System.Globalization;

namespace LossSearch.Learning.Augment;

/// <summary>
/// Builds a technique from its spec, <c>name</c> or <c>name?key=value&amp;…</c>, e.g. <c>cutout?size=16</c>,
/// <c>randaugment?n=2&amp;m=9</c>. Every technique but <c>none</c> also takes the crop/flip parameters
/// <c>pad</c> (4) and <c>flip</c> (true); <c>none</c> takes no parameters. Any technique takes
/// <c>resize=S</c>: batches are resized to S×S before it runs (<see cref="Resized"/>).
/// </summary>
public static class AugmentationCatalog
{
    /// <summary>Each technique's name and its own parameters with their defaults.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Techniques =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["none"] = new Dictionary<string, string>(),
            ["baseline"] = new Dictionary<string, string>(),
            ["cutout"] = new Dictionary<string, string> { ["size"] = "16" },
            ["mixup"] = new Dictionary<string, string> { ["alpha"] = "1" },
            ["cutmix"] = new Dictionary<string, string> { ["alpha"] = "1" },
            ["autoaugment"] = new Dictionary<string, string> { ["policy"] = "cifar10" },
            ["randaugment"] = new Dictionary<string, string> { ["n"] = "2", ["m"] = "9", ["bins"] = "31" },
            ["trivialaugment"] = new Dictionary<string, string> { ["bins"] = "31" },
            ["augmix"] = new Dictionary<string, string> { ["severity"] = "3", ["width"] = "3", ["depth"] = "-1", ["alpha"] = "1" },
        };

    public static IBatchAugmentation Create(string spec)
    {
        var (name, parameters) = Parse(spec);
        if (parameters.Remove("resize", out var resize))
        {
            var inner = Create(Unparse(name, parameters));
            return int.TryParse(resize, NumberStyles.Integer, CultureInfo.InvariantCulture, out int size) && size is >= 1 and <= 4096
                ? new Resized(inner, size)
                : throw new InvalidInputException($"augmentation {name}: parameter 'resize={resize}' must be an integer in [1, 4096].");
        }
        if (!Techniques.TryGetValue(name, out var known))
            throw new InvalidInputException($"augmentation '{name}': unknown (known: {string.Join(", ", Techniques.Keys)}).");
        if (name == "none")
            return parameters.Count == 0 ? new Unaugmented()
                : throw new InvalidInputException($"augmentation none: takes no parameters (got '{string.Join("', '", parameters.Keys)}').");
        foreach (var key in parameters.Keys)
            if (!known.ContainsKey(key) && key is not ("pad" or "flip"))
                throw new InvalidInputException($"augmentation {name}: unknown parameter '{key}' (known: {string.Join(", ", known.Keys.Append("pad").Append("flip"))}).");
        var values = new Values(name, parameters, known);
        var cropFlip = new CropFlip(values.Int("pad", 4, 0, 1024), values.Bool("flip", true));
        return name switch
        {
            "baseline" => new Baseline(cropFlip),
            "cutout" => new Cutout(cropFlip, values.Int("size", 16, 0, 1 << 16)),
            "mixup" => new MixUp(cropFlip, values.Double("alpha", 1e-6)),
            "cutmix" => new CutMix(cropFlip, values.Double("alpha", 1e-6)),
            "autoaugment" => new AutoAugment(cropFlip, values.Text("policy")),
            "randaugment" => new RandAugment(cropFlip, values.Int("n", 2, 0, 100), values.Int("m", 9, 0, 1000), values.Int("bins", 31, 2, 1000)),
            "trivialaugment" => new TrivialAugment(cropFlip, values.Int("bins", 31, 2, 1000)),
            "augmix" => new AugMix(cropFlip, values.Int("severity", 3, 1, 10), values.Int("width", 3, 1, 16), values.Int("depth", -1, -1, 16), values.Double("alpha", 1e-6)),
            _ => throw new InvalidOperationException(name),
        };
    }

    private static string Unparse(string name, Dictionary<string, string> parameters) =>
        parameters.Count == 0 ? name : $"{name}?{string.Join("&", parameters.Select(p => $"{p.Key}={p.Value}"))}";

    private static (string Name, Dictionary<string, string> Parameters) Parse(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
            throw new InvalidInputException($"augmentation: empty name (known: {string.Join(", ", Techniques.Keys)}).");
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int query = spec.IndexOf('?');
        var name = (query >= 0 ? spec[..query] : spec).Trim().ToLowerInvariant();
        if (query >= 0)
            foreach (var pair in spec[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0) throw new InvalidInputException($"augmentation {name}: parameter '{pair}' is not KEY=VALUE.");
                parameters[pair[..eq].Trim().ToLowerInvariant()] = pair[(eq + 1)..].Trim();
            }
        return (name, parameters);
    }

    private sealed class Values(string name, Dictionary<string, string> given, IReadOnlyDictionary<string, string> defaults)
    {
        public string Text(string key) => given.TryGetValue(key, out var v) ? v.ToLowerInvariant() : defaults[key];

        public int Int(string key, int fallback, int min, int max)
        {
            if (!given.TryGetValue(key, out var text)) return fallback;
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
                : throw new InvalidInputException($"augmentation {name}: parameter '{key}={text}' must be an integer in [{min}, {max}].");
        }

        public double Double(string key, double min)
        {
            var text = given.TryGetValue(key, out var v) ? v : defaults[key];
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && double.IsFinite(d) ? d
                : throw new InvalidInputException($"augmentation {name}: parameter '{key}={text}' must be a number ≥ {min}.");
        }

        public bool Bool(string key, bool fallback)
        {
            if (!given.TryGetValue(key, out var text)) return fallback;
            return text.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                _ => throw new InvalidInputException($"augmentation {name}: parameter '{key}={text}' must be true or false."),
            };
        }
    }
}
