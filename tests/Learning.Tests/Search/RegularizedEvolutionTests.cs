using LossSearch.Learning.Runtime;
using LossSearch.Learning.Search;

namespace LossSearch.Learning.Tests.Search;

public class RegularizedEvolutionTests
{
    private static SearchSettings Small(int parallel = 1, int seed = 5) => new()
    {
        PopulationSize = 6, SampleSize = 3, Children = 12, InitialPool = 10, Parallel = parallel, Seed = seed,
        CheapFitness = new FitnessSettings(), Fitness = new FitnessSettings(), ScoreReference = false,
    };

    private static string NewFolder() => Directory.CreateTempSubdirectory("evolution").FullName;

    /// <summary>The history without wall times, as comparable lines.</summary>
    private static List<string> Trace(string folder) =>
        SearchHistory.Read(Path.Combine(folder, RegularizedEvolution.HistoryFile))
            .Select(r => $"{r.Id}|{r.ParentId}|{r.Phase}|{r.Mutation}|{r.Expression}|{r.Verdict}|{r.Reason}|{r.Fitness:R}|{r.DuplicateOf}")
            .ToList();

    private static string Population(SearchOutcome outcome) =>
        string.Join(";", outcome.Population.OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.Fitness:R}:{m.Birth}"));

    [Fact]
    public async Task SeededRunsAreIdentical()
    {
        string a = NewFolder(), b = NewFolder();
        var first = await new RegularizedEvolution(Small(), new PhenotypeFitness(), a).RunAsync();
        var second = await new RegularizedEvolution(Small(), new PhenotypeFitness(), b).RunAsync();
        Assert.Equal(Trace(a), Trace(b));
        Assert.Equal(Population(first), Population(second));
        Assert.Equal(6, first.Population.Count);
        Assert.True(File.Exists(first.Plot));
        Assert.True(File.Exists(first.Summary));
    }

    [Fact]
    public async Task SearchAppliesEverySlotAndKeepsAges()
    {
        string folder = NewFolder();
        var fitness = new PhenotypeFitness();
        var outcome = await new RegularizedEvolution(Small(), fitness, folder).RunAsync();
        var records = SearchHistory.Read(outcome.History).ToList();
        Assert.Equal(10, records.Count(r => r.Phase == SearchPhase.InitialCheap && r.Verdict != CandidateVerdict.Rejected));
        Assert.Equal(6, records.Count(r => r.Phase == SearchPhase.InitialFull));
        Assert.Equal(12, records.Count(r => r.Phase == SearchPhase.Child && r.Verdict is CandidateVerdict.Evaluated or CandidateVerdict.Duplicate));
        // Only trainings call the evaluator; duplicates re-use results.
        Assert.Equal(fitness.Calls, outcome.Evaluated);
        Assert.Equal(records.Count(r => r.Verdict is CandidateVerdict.Evaluated or CandidateVerdict.Failed), outcome.Evaluated);
        // The population ends with the six youngest children (every child entered, oldest left first).
        var children = records.Where(r => r.Phase == SearchPhase.Child && r.Verdict != CandidateVerdict.Rejected).Select(r => r.Id).ToList();
        Assert.Equal(children.TakeLast(6).Order(), outcome.Population.Select(m => m.Id).Order());
        Assert.All(records.Where(r => r.Verdict == CandidateVerdict.Rejected), r => Assert.False(string.IsNullOrEmpty(r.Reason)));
        // Wall time is the candidate's own evaluation; re-used results took none.
        Assert.All(records.Where(r => r.Verdict == CandidateVerdict.Evaluated), r => Assert.True(r.WallSeconds > 0));
        Assert.All(records.Where(r => r.Verdict == CandidateVerdict.Duplicate), r => Assert.Equal(0, r.WallSeconds));
    }

    [Fact]
    public async Task DuplicatesReuseTheOriginalsFitness()
    {
        // A one-node genome has few distinct losses: duplicates are certain.
        var settings = Small() with { HiddenNodes = 1, Children = 20 };
        var outcome = await new RegularizedEvolution(settings, new PhenotypeFitness(), NewFolder()).RunAsync();
        var records = SearchHistory.Read(outcome.History).ToList();
        var duplicates = records.Where(r => r.Verdict == CandidateVerdict.Duplicate).ToList();
        Assert.NotEmpty(duplicates);
        foreach (var duplicate in duplicates)
        {
            var original = records.First(r => r.Id == duplicate.DuplicateOf && r.Phase != SearchPhase.InitialCheap);
            Assert.Equal(original.Fitness, duplicate.Fitness);
        }
    }

    [Theory]
    [InlineData(4)]   // inside the initial pool
    [InlineData(13)]  // while the best of the pool are re-scored
    [InlineData(20)]  // among the children
    public async Task KilledBetweenCandidatesResumesIdentically(int stopAfter)
    {
        string straight = NewFolder(), interrupted = NewFolder();
        var expected = await new RegularizedEvolution(Small(), new PhenotypeFitness(), straight).RunAsync();

        using (var cancel = new CancellationTokenSource())
        {
            var progress = new InlineProgress<SearchProgress>(p => { if (p.Applied == stopAfter) cancel.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new RegularizedEvolution(Small(), new PhenotypeFitness(), interrupted).RunAsync(progress, cancel.Token));
        }
        var resumed = await new RegularizedEvolution(Small(), new PhenotypeFitness(), interrupted).RunAsync();
        Assert.Equal(Trace(straight), Trace(interrupted));
        Assert.Equal(Population(expected), Population(resumed));
    }

    [Fact]
    public async Task KilledMidCandidateResumesThatCandidateFromItsCheckpoint()
    {
        string straight = NewFolder(), interrupted = NewFolder();
        await new RegularizedEvolution(Small(), new PhenotypeFitness(), straight).RunAsync();

        using var cancel = new CancellationTokenSource();
        var first = new PhenotypeFitness { CancelInside = 20, Cancel = cancel.Cancel };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new RegularizedEvolution(Small(), first, interrupted).RunAsync(null, cancel.Token));
        var second = new PhenotypeFitness();
        await new RegularizedEvolution(Small(), second, interrupted).RunAsync();
        Assert.Equal(1, second.Resumed);
        Assert.Equal(Trace(straight), Trace(interrupted));
    }

    [Fact]
    public async Task ParallelRunsAreReproducibleForAGivenWindow()
    {
        string a = NewFolder(), b = NewFolder();
        var first = await new RegularizedEvolution(Small(parallel: 3), new PhenotypeFitness { MaxDelayMs = 15 }, a).RunAsync();
        var second = await new RegularizedEvolution(Small(parallel: 3), new PhenotypeFitness { MaxDelayMs = 3 }, b).RunAsync();
        Assert.Equal(Trace(a), Trace(b));
        Assert.Equal(Population(first), Population(second));
    }

    [Fact]
    public async Task FailedTrainingsAreRecordedAndRedrawn()
    {
        var fitness = new PhenotypeFitness { FailsFor = id => id % 4 == 0 };
        var outcome = await new RegularizedEvolution(Small(), fitness, NewFolder()).RunAsync();
        var records = SearchHistory.Read(outcome.History).ToList();
        Assert.Contains(records, r => r.Verdict == CandidateVerdict.Failed && r.Phase == SearchPhase.Child);
        Assert.Equal(12, records.Count(r => r.Phase == SearchPhase.Child && r.Verdict is CandidateVerdict.Evaluated or CandidateVerdict.Duplicate));
        Assert.True(outcome.Rejected["diverged"] > 0);
    }

    [Fact]
    public async Task AFolderWithOtherSettingsIsRefused()
    {
        string folder = NewFolder();
        await new RegularizedEvolution(Small(), new PhenotypeFitness(), folder).RunAsync();
        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            new RegularizedEvolution(Small() with { SampleSize = 2 }, new PhenotypeFitness(), folder).RunAsync());
        Assert.Contains("sampleSize", error.Message);
    }

    [Fact]
    public async Task AHistoryWithoutItsStateFilesIsRefusedNotSilentlyRestarted()
    {
        string folder = NewFolder();
        await new RegularizedEvolution(Small(), new PhenotypeFitness(), folder).RunAsync();
        string history = Path.Combine(folder, RegularizedEvolution.HistoryFile);
        long length = new FileInfo(history).Length;
        var checkpoint = new SearchCheckpoint(folder);
        File.Delete(checkpoint.LatestPath);
        File.Delete(checkpoint.PreviousPath);
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => new RegularizedEvolution(Small(), new PhenotypeFitness(), folder).RunAsync());
        Assert.Contains(checkpoint.LatestPath, error.Message);
        Assert.Equal(length, new FileInfo(history).Length);
    }

    [Fact]
    public async Task CorruptNewestCheckpointFallsBackToThePrevious()
    {
        string straight = NewFolder(), interrupted = NewFolder();
        await new RegularizedEvolution(Small(), new PhenotypeFitness(), straight).RunAsync();
        using (var cancel = new CancellationTokenSource())
        {
            var progress = new InlineProgress<SearchProgress>(p => { if (p.Applied == 18) cancel.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new RegularizedEvolution(Small(), new PhenotypeFitness(), interrupted).RunAsync(progress, cancel.Token));
        }
        string state = Path.Combine(interrupted, "state.json");
        File.WriteAllText(state, File.ReadAllText(state).Replace("\"childrenDone\"", "\"childrenDonE\""));
        var search = new RegularizedEvolution(Small(), new PhenotypeFitness(), interrupted);
        var warnings = new List<string>();
        search.Warning += warnings.Add;
        await search.RunAsync();
        Assert.Contains(warnings, w => w.Contains("SHA-256"));
        Assert.Equal(Trace(straight), Trace(interrupted));
    }

    [Theory]
    [InlineData(20, 10, 5, 1, "initial")]
    [InlineData(6, 10, 7, 1, "sample")]
    [InlineData(6, 10, 3, 0, "children")]
    public void ImpossibleSettingsAreRefused(int population, int pool, int sample, int children, string field)
    {
        var settings = Small() with { PopulationSize = population, InitialPool = pool, SampleSize = sample, Children = children };
        var error = Assert.Throws<InvalidInputException>(() => new RegularizedEvolution(settings, new PhenotypeFitness(), NewFolder()));
        Assert.StartsWith(field, error.Message);
    }
}
