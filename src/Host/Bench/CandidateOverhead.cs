using System.Diagnostics;
using System.Diagnostics.Metrics;
using LossSearch.Learning.Search;
using LossSearch.Learning.Training;

namespace LossSearch.Host.Bench;

/// <summary>
/// Whole surrogate candidates against the sum of their training steps: the smallest search
/// (population 2, both scored fully, one child; random losses, integrity checks, training, validation,
/// checkpoint and history write) timed end to end while a <see cref="MeterListener"/> sums the trainer's
/// <see cref="TrainingMeters"/>. Overhead = search wall / step seconds − 1.
/// </summary>
public static class CandidateOverhead
{
    public sealed record Report(
        string Dataset, int Candidates, int StepsPerCandidate, int StepsPerEpoch, int Batch,
        double SetupSeconds, double SearchSeconds, double StepSeconds, double EvaluationSeconds,
        double OverheadPercent, double OverheadBesidesValidationPercent);

    public static async Task<Report> MeasureAsync(string dataset, int steps, int stepsPerEpoch, string deviceSpec, CancellationToken cancellation)
    {
        var fitness = new FitnessSettings { Steps = steps, StepsPerEpoch = stepsPerEpoch, BatchSize = 64, WarmupSteps = steps / 10, GateEpoch = 0 };
        var settings = new SearchSettings
        {
            Dataset = dataset, PopulationSize = 2, SampleSize = 1, InitialPool = 2, Children = 1, Fitness = fitness, CheapFitness = null,
        };
        settings.Validate();
        var totals = new MeterTotals();
        string folder = Directory.CreateTempSubdirectory("losssearch-bench-compare-").FullName;
        try
        {
            long start = Stopwatch.GetTimestamp();
            var outcome = await LossSearchRun.RunAsync(settings, folder, deviceSpec, cancellation: cancellation);
            double total = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var (stepSeconds, evaluationSeconds) = totals.Read();
            double search = outcome.WallSeconds;
            return new Report(dataset, outcome.Evaluated, steps, stepsPerEpoch, fitness.BatchSize, total - search, search, stepSeconds, evaluationSeconds,
                100 * (search / stepSeconds - 1), 100 * ((search - evaluationSeconds) / stepSeconds - 1));
        }
        finally
        {
            totals.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Sums of the trainer's step and evaluation seconds, from whichever threads train.</summary>
    private sealed class MeterTotals : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Lock _gate = new();
        private double _steps, _evaluations;

        public MeterTotals()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TrainingMeters.MeterName) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            {
                lock (_gate)
                {
                    if (instrument.Name == TrainingMeters.StepTimeName) _steps += value;
                    else if (instrument.Name == TrainingMeters.EvaluationTimeName) _evaluations += value;
                }
            });
            _listener.Start();
        }

        public (double Steps, double Evaluations) Read()
        {
            lock (_gate) return (_steps, _evaluations);
        }

        public void Dispose() => _listener.Dispose();
    }
}
