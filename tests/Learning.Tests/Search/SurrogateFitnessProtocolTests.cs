using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Search;
using LossSearch.Learning.Training;

namespace LossSearch.Learning.Tests.Search;

/// <summary>The full fitness under each protocol on a tiny synthetic set: what fails a candidate and what still scores.</summary>
public sealed class SurrogateFitnessProtocolTests : IDisposable
{
    private readonly DatasetSplits _data = DatasetCatalog.Open("synthetic:cifar10?n=96&test=16&seed=1", new DatasetOptions { ValidationCount = 16 });

    public void Dispose() => _data.Dispose();

    /// <summary>A gate that always fires at the end of epoch 1 (train accuracy can never exceed 1).</summary>
    private static FitnessSettings AlwaysGated => new()
    {
        Surrogate = "convnet", Steps = 4, StepsPerEpoch = 2, BatchSize = 8, WarmupSteps = 1, GateEpoch = 1, GateAccuracy = 1.0,
        PreGateEpochs = 1, PreGateBatchSize = 8, PreGateAccuracy = 0, PreGateImageSize = 16, ImageSize = 24,
    };

    private Task<FitnessOutcome> Evaluate(SearchProtocol protocol, FitnessSettings fitness)
    {
        var settings = new SearchSettings { Protocol = protocol, Augmentation = "baseline", Fitness = fitness, CheapFitness = fitness };
        var evaluator = new SurrogateFitness(settings, _data, "cpu", InputNormalization.Of(_data.Train));
        return evaluator.EvaluateAsync(LossCatalog.Resolve("cross-entropy"), FitnessLevel.Full, 1, Directory.CreateTempSubdirectory("fitness").FullName, CancellationToken.None);
    }

    [Fact]
    public async Task AGatedFullRunScoresItsBestEpochUnderPublishedAndFailsUnderOurs()
    {
        var published = await Evaluate(SearchProtocol.Published, AlwaysGated);
        Assert.NotNull(published.Fitness);
        Assert.Equal("GatedOut", published.Metrics!.Status);
        Assert.Equal(published.Metrics.BestValidationTop1, published.Fitness!.Value);

        var ours = await Evaluate(SearchProtocol.Ours, AlwaysGated);
        Assert.Null(ours.Fitness);
        Assert.StartsWith("gated out", ours.FailureReason);
    }

    [Fact]
    public async Task OnlyThePreGateFailsAPublishedCandidate()
    {
        var outcome = await Evaluate(SearchProtocol.Published, AlwaysGated with { PreGateAccuracy = 1.0 });
        Assert.Null(outcome.Fitness);
        Assert.StartsWith("pre-gate: best train accuracy", outcome.FailureReason);
        Assert.Contains("16×16", outcome.FailureReason);
    }
}
