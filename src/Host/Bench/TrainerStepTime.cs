namespace LossSearch.Host.Bench;

/// <summary>
/// Our trainer's mean step, with what the .NET heap did per step meanwhile: gen-0 collections, KiB allocated
/// (the tensor wrappers and the trainer's bookkeeping; libtorch's memory is not on this heap) and GC pause.
/// </summary>
public readonly record struct TrainerStepTime(StepTime Time, double Gen0CollectionsPerStep, double AllocatedKiBPerStep, double GcPauseMsPerStep);
