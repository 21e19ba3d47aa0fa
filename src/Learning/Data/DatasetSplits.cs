namespace LossSearch.Learning.Data;

/// <summary>
/// A dataset's splits as used for training: <see cref="Validation"/> is carved from the published
/// training set by a seeded, stratified rule when asked for; <see cref="Test"/> is the published test split.
/// </summary>
public sealed record DatasetSplits(string Name, IBatchSource Train, IBatchSource? Validation, IBatchSource Test) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Validation?.Dispose();
        Test.Dispose();
    }
}
