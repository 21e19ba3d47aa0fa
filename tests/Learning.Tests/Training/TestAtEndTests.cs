using LossSearch.Learning.Data;
using LossSearch.Learning.Models;
using LossSearch.Learning.Training;
using TorchSharp;

namespace LossSearch.Learning.Tests.Training;

public class TestAtEndTests
{
    private static TrainingRun Run => new()
    {
        Epochs = 3, StepsPerEpoch = 4, BatchSize = 32, Seed = 3, TestAtEnd = true,
        Optimizer = new OptimizerSettings(OptimizerKind.Adam, 3e-3),
    };

    [Fact]
    public void WithAValidationSplitEpochsEvaluateValidationAndOnlyTheLastAlsoTheTestSplit()
    {
        using var learnable = InMemoryBatchSource.Learnable();
        using var other = InMemoryBatchSource.Learnable(seed: 99); // a validation split unlike the test split
        var data = new DatasetSplits("learnable", learnable.Train, other.Test, learnable.Test);
        torch.manual_seed(11);
        using var model = ModelCatalog.Create("resnet9v2", 4, 1, 0);
        var result = Trainer.Run(Run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model);

        Assert.All(result.History.SkipLast(1), e => Assert.Null(e.TestTop1));
        var last = result.History[^1];
        var (_, validationTop1, _) = Evaluation.Run(model, other.Test, TestLosses.CrossEntropy, 256, torch.CPU, null);
        var (_, testTop1, testTop5) = Evaluation.Run(model, learnable.Test, TestLosses.CrossEntropy, 256, torch.CPU, null);
        Assert.Equal(validationTop1, last.Top1, 12);
        Assert.Equal(testTop1, last.TestTop1!.Value, 12);
        Assert.Equal(testTop5, last.TestTop5!.Value, 12);
        Assert.NotEqual(last.Top1, last.TestTop1!.Value);
    }

    [Fact]
    public void WithoutAValidationSplitTheTestSplitIsTheEvaluationAndNothingIsAdded()
    {
        using var data = InMemoryBatchSource.Learnable();
        torch.manual_seed(11);
        using var model = ModelCatalog.Create("resnet9v2", 4, 1, 0);
        var result = Trainer.Run(Run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model);
        Assert.All(result.History, e => Assert.Null(e.TestTop1));
    }
}
