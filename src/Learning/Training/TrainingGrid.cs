using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LossSearch.Learning.Data;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.IO;

namespace LossSearch.Learning.Training;

/// <summary>One cell of a grid: a loss trained on a dataset under an augmentation with a seed.</summary>
public sealed record GridUnit(string Loss, string Dataset, string Augmentation, int Seed)
{
    /// <summary>A stable folder name: readable prefix plus a hash of the whole unit.</summary>
    public string Key
    {
        get
        {
            string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Loss}\n{Dataset}\n{Augmentation}\n{Seed}")))[..12];
            string dataset = new(Dataset.TakeWhile(c => c != ':').ToArray());
            string augmentation = new(Augmentation.TakeWhile(char.IsLetterOrDigit).ToArray());
            return $"{dataset}-{augmentation}-s{Seed}-{hash}";
        }
    }
}

/// <summary>
/// A finished unit: its final (last-epoch) test accuracy, its final validation accuracy when the grid
/// carved one, and its training curve. <see cref="History"/>, <see cref="BestEpoch"/> and
/// <see cref="BestTop1"/> come from <see cref="HistorySplit"/>: the validation split when there is one,
/// else the test split. A diverged unit with a validation split has no test accuracy (NaN).
/// </summary>
public sealed record GridUnitResult(
    string Loss, string Dataset, string Augmentation, int Seed,
    string Status, double Top1, double Top5, int BestEpoch, double BestTop1, IReadOnlyList<EpochRecord> History, string? Checkpoint)
{
    /// <summary>The last epoch's validation top-1; null when the grid had no validation split.</summary>
    public double? ValidationTop1 { get; init; }

    /// <summary><c>validation</c> or <c>test</c>: the split of the per-epoch curve.</summary>
    public string HistorySplit { get; init; } = TrainingGrid.TestSplit;

    /// <summary>Epochs its checkpoint held when its last attempt started (0: trained from scratch in one go); see <see cref="UnitJournal"/>.</summary>
    public int ResumedFromEpoch { get; init; }

    /// <summary>The split of the score this unit passed on for selection (set by the grid activity); null when unknown.</summary>
    public string? SelectedOn { get; init; }
}

/// <summary>Where a grid stands: units done of all, and the unit now training with its own progress.</summary>
public sealed record GridProgress(int Done, int Total, GridUnit? Current, TrainingProgress? Training);

/// <summary>
/// The resumable grid behind the Train WRN and Fine-tune EfficientNet stages. Each unit trains in
/// its own checkpoint folder, keeps its <see cref="UnitJournal"/> there and, once finished, leaves <c>result.json</c>: a resumed grid skips
/// finished units and continues the unfinished one from its last epoch. Datasets are opened once,
/// before any training, so a missing one fails the grid at once.
/// </summary>
public sealed class TrainingGrid(IReadOnlyList<GridUnit> units, Func<GridUnit, TrainingJob> jobFor, DatasetOptions datasetOptions)
{
    public const string ResultFile = "result.json";
    public const string TestSplit = "test";
    public const string ValidationSplit = "validation";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Checks every unit's job (names, settings, weights file) before anything trains.</summary>
    public void Validate()
    {
        if (units.Count == 0) throw new InvalidInputException("grid: no units (empty losses, datasets, augmentations or seeds)");
        foreach (var unit in units) jobFor(unit).Validate();
    }

    public IReadOnlyList<GridUnitResult> Run(string directory, IProgress<GridProgress>? progress = null, CancellationToken cancellation = default)
    {
        Validate();
        var results = new List<GridUnitResult>();
        var remaining = new List<GridUnit>();
        foreach (var unit in units)
        {
            if (TryReadResult(UnitDirectory(directory, unit)) is { } done) results.Add(done);
            else remaining.Add(unit);
        }
        var datasets = remaining.Select(u => u.Dataset).Distinct().ToList();
        var opened = new Dictionary<string, DatasetSplits>();
        var normalization = new Dictionary<string, InputNormalization>();
        try
        {
            foreach (var spec in datasets)
            {
                opened[spec] = DatasetCatalog.Open(spec, datasetOptions);
                normalization[spec] = InputNormalization.Of(opened[spec].Train);
            }
            foreach (var unit in remaining)
            {
                cancellation.ThrowIfCancellationRequested();
                string folder = UnitDirectory(directory, unit);
                var reporter = progress is null ? null : new InlineProgress<TrainingProgress>(p => progress.Report(new GridProgress(results.Count, units.Count, unit, p)));
                progress?.Report(new GridProgress(results.Count, units.Count, unit, null));
                var job = jobFor(unit);
                // Pretrained weights bring their own normalisation; otherwise the training split's statistics.
                var statistics = job.Run.Normalization?.ForChannels(opened[unit.Dataset].Train.Channels) ?? normalization[unit.Dataset];
                job = job with { Run = job.Run with { Normalization = statistics, TestAtEnd = true } };
                var checkpoints = new TrainingCheckpoints(Path.Combine(folder, "checkpoints"), resume: true);
                UnitJournal.RecordStart(folder, checkpoints);
                var training = job.Execute(opened[unit.Dataset], checkpoints, reporter, cancellation);
                if (training.Status == TrainingStatus.Cancelled) throw new OperationCanceledException(cancellation);
                UnitJournal.RecordFinish(folder, training);
                var result = ToResult(unit, training, opened[unit.Dataset].Validation is not null);
                AtomicFile.Write(Path.Combine(folder, ResultFile), s => JsonSerializer.Serialize(s, result, Json));
                results.Add(result);
            }
        }
        finally
        {
            foreach (var data in opened.Values) data.Dispose();
        }
        progress?.Report(new GridProgress(results.Count, units.Count, null, null));
        var order = units.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);
        return results.OrderBy(r => order[new GridUnit(r.Loss, r.Dataset, r.Augmentation, r.Seed)]).ToList();
    }

    public static string UnitDirectory(string directory, GridUnit unit) => Path.Combine(directory, "units", unit.Key);

    private static GridUnitResult ToResult(GridUnit unit, TrainingResult training, bool validated)
    {
        var last = training.Last ?? throw new InvalidOperationException($"unit {unit.Key} finished without an epoch");
        var best = training.Best!;
        double top1 = validated ? last.TestTop1 ?? double.NaN : last.Top1;
        double top5 = validated ? last.TestTop5 ?? double.NaN : last.Top5;
        return new GridUnitResult(unit.Loss, unit.Dataset, unit.Augmentation, unit.Seed, training.Status.ToString(),
            top1, top5, best.Epoch, best.Top1, training.History, training.CheckpointPath)
        {
            ValidationTop1 = validated ? last.Top1 : null,
            HistorySplit = validated ? ValidationSplit : TestSplit,
            ResumedFromEpoch = training.ResumedFromEpoch,
        };
    }

    /// <summary>A unit folder's result, or null while the unit is unfinished (or its file is foreign).</summary>
    public static GridUnitResult? TryReadResult(string folder)
    {
        string path = Path.Combine(folder, ResultFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<GridUnitResult>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null; // written atomically, so unreadable means foreign; train the unit again
        }
    }
}
