using System.Globalization;

namespace LossSearch.Learning.Data;

/// <summary>
/// A dataset spec, <c>format:path</c> or <c>format:path?key=value&amp;…</c> (for <c>synthetic</c> the
/// "path" is the shape it imitates, e.g. <c>synthetic:cifar10?n=2000&amp;seed=1</c>).
/// </summary>
public sealed record DatasetSpec(string Format, string Location, IReadOnlyDictionary<string, string> Parameters)
{
    public static DatasetSpec Parse(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
            throw new InvalidInputException("dataset spec: empty; expected FORMAT:PATH, e.g. cifar10:data/cifar-10-batches-bin.");
        int colon = spec.IndexOf(':');
        if (colon <= 0)
            throw new InvalidInputException($"dataset spec '{spec}': expected FORMAT:PATH, e.g. cifar10:data/cifar-10-batches-bin.");
        var format = spec[..colon].Trim().ToLowerInvariant();
        var rest = spec[(colon + 1)..];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int query = rest.IndexOf('?');
        if (query >= 0)
        {
            foreach (var pair in rest[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0)
                    throw new InvalidInputException($"dataset spec '{spec}': parameter '{pair}' is not KEY=VALUE.");
                parameters[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
            }
            rest = rest[..query];
        }
        if (rest.Length == 0)
            throw new InvalidInputException($"dataset spec '{spec}': the path after '{format}:' is empty.");
        return new DatasetSpec(format, rest, parameters);
    }

    public int Int(string key, int fallback, int min = int.MinValue)
    {
        if (!Parameters.TryGetValue(key, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new InvalidInputException($"dataset spec {Format}: parameter '{key}={text}' must be an integer ≥ {min}.");
        return value;
    }

    public string Text(string key, string fallback) => Parameters.TryGetValue(key, out var text) ? text : fallback;

    /// <summary>Fails on parameters the format does not know, naming them.</summary>
    public void AllowOnly(params string[] keys)
    {
        foreach (var key in Parameters.Keys)
            if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new InvalidInputException($"dataset spec {Format}: unknown parameter '{key}'" +
                    (keys.Length > 0 ? $" (known: {string.Join(", ", keys)})." : " (it takes none)."));
    }
}
