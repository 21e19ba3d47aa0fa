using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LossSearch.Learning.Training;

/// <summary>
/// The trainer's time, as .NET metrics (meter <see cref="MeterName"/>): seconds spent in training steps
/// (the batch, the step, the host read of its metrics) and in evaluations. Whatever listens (a
/// <see cref="MeterListener"/>, dotnet-counters, OpenTelemetry) can set a whole candidate against the sum
/// of its steps; without a listener a measurement costs one check.
/// </summary>
public static class TrainingMeters
{
    public const string MeterName = "LossSearch.Training";
    public const string StepTimeName = "losssearch.training.step_time";
    public const string EvaluationTimeName = "losssearch.training.evaluation_time";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<double> StepTime = Meter.CreateCounter<double>(StepTimeName, "s", "Seconds in training steps: batch, step and the host read of the step metrics.");
    private static readonly Counter<double> EvaluationTime = Meter.CreateCounter<double>(EvaluationTimeName, "s", "Seconds in evaluations of a split.");

    internal static void AddStepTime(long startTimestamp) => AddSince(StepTime, startTimestamp);

    internal static void AddEvaluationTime(long startTimestamp) => AddSince(EvaluationTime, startTimestamp);

    private static void AddSince(Counter<double> counter, long startTimestamp)
    {
        if (counter.Enabled) counter.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }
}
