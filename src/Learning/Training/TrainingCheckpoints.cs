using System.Security.Cryptography;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using LossSearch.Learning.IO;

namespace LossSearch.Learning.Training;

/// <summary>
/// A run's checkpoint folder. Each checkpoint is one file (<c>step-NNNNNNNNN.ckpt</c>: state JSON, model
/// weights, optimizer state, weight average, global RNG state) written atomically; <c>manifest.json</c>
/// lists them oldest first with their SHA-256. Loading takes the newest file whose hash matches and
/// falls back to older ones with a warning. The newest <see cref="Keep"/> checkpoints are kept.
/// </summary>
public sealed class TrainingCheckpoints
{
    public const string ManifestName = "manifest.json";
    private const string Magic = "LOSSSEARCH-CKPT-1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public TrainingCheckpoints(string directory, bool resume = false, int keep = 2)
    {
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep));
        Directory = Path.GetFullPath(directory);
        Resume = resume;
        Keep = keep;
    }

    public string Directory { get; }
    /// <summary>Continue from the newest valid checkpoint; without it, a folder that already holds checkpoints is refused.</summary>
    public bool Resume { get; }
    public int Keep { get; }

    public sealed record Entry(string File, string Sha256, long GlobalStep, int Epoch);

    public IReadOnlyList<Entry> Entries => ReadManifest();

    /// <summary>Whether the folder holds any checkpoint, listed in the manifest or not (a run is there).</summary>
    public bool HoldsCheckpoints => Entries.Count > 0 || OrphanFiles().Count > 0;

    /// <summary>The newest checkpoint file listed, whether or not it verifies.</summary>
    public string? LatestPath => Entries is { Count: > 0 } e ? Path.Combine(Directory, e[^1].File) : null;

    internal string Write(CheckpointState state, nn.Module model, OptimizerHelper optimizer, WeightAverage? average)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"step-{state.GlobalStep:D9}.ckpt";
        // Streamed to the temp file through the hash: no in-memory copy of the weights and optimizer state.
        using var sha = SHA256.Create();
        AtomicFile.Write(Path.Combine(Directory, name), file =>
        {
            using var hashing = new CryptoStream(file, sha, CryptoStreamMode.Write, leaveOpen: true);
            using (var writer = new BinaryWriter(hashing, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(JsonSerializer.Serialize(state, Json));
                model.save(writer);
                optimizer.save_state_dict(writer);
                if (average is not null)
                    foreach (var (_, tensor) in average.Tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal)) SaveOnHost(tensor, writer);
                using var rng = torch.random.get_rng_state();
                rng.Save(writer);
            }
            hashing.FlushFinalBlock();
        });

        var entries = ReadManifest().Where(e => e.File != name).ToList();
        entries.Add(new Entry(name, Convert.ToHexStringLower(sha.Hash!), state.GlobalStep, state.History.Count));
        var dropped = entries.Take(Math.Max(0, entries.Count - Keep)).ToList();
        entries = entries.Skip(dropped.Count).ToList();
        AtomicFile.Write(Path.Combine(Directory, ManifestName), JsonSerializer.SerializeToUtf8Bytes(entries, Json));
        foreach (var old in dropped) File.Delete(Path.Combine(Directory, old.File));
        return Path.Combine(Directory, name);
    }

    private static void SaveOnHost(Tensor tensor, BinaryWriter writer)
    {
        if (tensor.device.type == DeviceType.CPU)
        {
            tensor.Save(writer);
            return;
        }
        using var host = tensor.cpu();
        host.Save(writer);
    }

    /// <summary>Loads the newest checkpoint that verifies into the given objects; null when the folder has none.</summary>
    internal (CheckpointState State, string Path)? LoadLatest(nn.Module model, OptimizerHelper optimizer, WeightAverage? average, Action<string> warn)
    {
        var entries = ReadManifest();
        if (entries.Count == 0 && OrphanFiles() is { Count: > 0 } orphans)
        {
            // The manifest is gone but checkpoints are not: rebuild it from the files rather than start over.
            // Each file was renamed into place whole, so hashing it now is what the manifest would have held.
            entries = orphans;
            warn($"{Path.Combine(Directory, ManifestName)} is missing; rebuilt it from {orphans.Count} checkpoint file(s) ({string.Join(", ", orphans.Select(e => e.File))}).");
            AtomicFile.Write(Path.Combine(Directory, ManifestName), JsonSerializer.SerializeToUtf8Bytes(entries, Json));
        }
        for (int i = entries.Count - 1; i >= 0; i--)
        {
            var path = Path.Combine(Directory, entries[i].File);
            if (!File.Exists(path))
            {
                warn($"checkpoint {path} is missing; trying the previous one.");
                continue;
            }
            var bytes = File.ReadAllBytes(path);
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != entries[i].Sha256)
            {
                warn($"checkpoint {path} does not match its SHA-256 in {ManifestName} (corrupt or torn); trying the previous one.");
                continue;
            }
            return (Read(bytes, path, model, optimizer, average), path);
        }
        if (entries.Count > 0)
            throw new InvalidInputException($"checkpoint folder '{Directory}': none of the {entries.Count} checkpoints in {ManifestName} is intact.");
        return null;
    }

    private static CheckpointState Read(byte[] bytes, string path, nn.Module model, OptimizerHelper optimizer, WeightAverage? average)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (reader.ReadString() != Magic) throw new InvalidInputException($"checkpoint {path} is not a LossSearch checkpoint.");
        var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), Json)
                    ?? throw new InvalidInputException($"checkpoint {path} has no state.");
        model.load(reader);
        optimizer.load_state_dict(reader);
        if (state.HasAverage != (average is not null))
            throw new InvalidInputException($"checkpoint {path} {(state.HasAverage ? "has" : "has no")} weight average (EMA), but the run {(average is null ? "has none" : "asks for one")}.");
        if (average is not null)
            foreach (var (_, tensor) in average.Tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                using var loaded = TensorExtensionMethods.Load(reader);
                using var noGrad = torch.no_grad();
                tensor.copy_(loaded);
            }
        using var rng = TensorExtensionMethods.Load(reader);
        torch.random.set_rng_state(rng);
        return state;
    }

    /// <summary>
    /// The epochs and run identity of the newest checkpoint whose header reads, without loading (or hashing) its
    /// tensors: what a watching page draws while the run goes on. Null when the folder holds none that reads.
    /// </summary>
    public CheckpointSummary? ReadLatestSummary()
    {
        var entries = ReadManifest();
        for (int i = entries.Count - 1; i >= 0; i--)
        {
            var path = Path.Combine(Directory, entries[i].File);
            try
            {
                using var reader = new BinaryReader(File.OpenRead(path));
                if (reader.ReadString() != Magic) continue;
                if (JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), Json) is not { } state) continue;
                return new CheckpointSummary(state.History, state.Identity ?? new Dictionary<string, string>());
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                // Deleted by the run's rotation since the manifest was read, or torn: the one before is as good.
            }
        }
        return null;
    }

    /// <summary>The <c>step-*.ckpt</c> files of a folder without a manifest, oldest first, hashed now.</summary>
    private List<Entry> OrphanFiles()
    {
        if (File.Exists(Path.Combine(Directory, ManifestName)) || !System.IO.Directory.Exists(Directory)) return [];
        var entries = new List<Entry>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "step-*.ckpt"))
        {
            string name = Path.GetFileName(path);
            if (!long.TryParse(name["step-".Length..^".ckpt".Length], out long step)) continue;
            using var file = File.OpenRead(path);
            entries.Add(new Entry(name, Convert.ToHexStringLower(SHA256.HashData(file)), step, Epoch: -1));
        }
        return entries.OrderBy(e => e.GlobalStep).ToList();
    }

    private List<Entry> ReadManifest()
    {
        var path = Path.Combine(Directory, ManifestName);
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(path), Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"checkpoint manifest '{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
