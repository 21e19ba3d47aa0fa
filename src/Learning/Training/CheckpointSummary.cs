namespace LossSearch.Learning.Training;

/// <summary>A checkpoint's finished epochs and the settings that identify its run (loss, augmentation, data, …).</summary>
public sealed record CheckpointSummary(IReadOnlyList<EpochRecord> History, IReadOnlyDictionary<string, string> Identity);
