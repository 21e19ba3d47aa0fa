namespace LossSearch.Learning.Training;

public enum TrainingPhase { Step, EpochEnd, Warning }

/// <summary>
/// A progress report: after each step (running loss and accuracy of the epoch so far), after each
/// epoch's evaluation (<see cref="Epoch"/> record set), or a warning (<see cref="Message"/> set).
/// Epochs and steps are 1-based.
/// </summary>
public sealed record TrainingProgress(
    TrainingPhase Phase,
    int Epoch,
    int Epochs,
    long StepInEpoch,
    long StepsPerEpoch,
    long GlobalStep,
    long TotalSteps,
    double Loss,
    double Accuracy,
    double LearningRate,
    double ImagesPerSecond,
    TimeSpan? Eta,
    EpochRecord? Record = null,
    string? Message = null);
