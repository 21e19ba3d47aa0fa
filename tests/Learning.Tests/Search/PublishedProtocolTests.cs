using LossSearch.Learning.Losses;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.Search;

namespace LossSearch.Learning.Tests.Search;

/// <summary>The search's behaviour under each protocol, on the training-free phenotype fitness; each test would fail under the other protocol.</summary>
public class PublishedProtocolTests
{
    private static SearchSettings Small(SearchProtocol protocol, int hidden = 4) => new SearchSettings
    {
        Protocol = protocol,
        PopulationSize = 6, SampleSize = 3, Children = 12, InitialPool = 10, Seed = 5, HiddenNodes = hidden,
        CheapFitness = new FitnessSettings(), Fitness = new FitnessSettings(), ScoreReference = false,
    };

    private static string NewFolder() => Directory.CreateTempSubdirectory("protocol").FullName;

    /// <summary>True from the first child on: the 10 cheap and 6 full evaluations of <see cref="Small"/> come first (one at a time).</summary>
    private static Func<long, bool> AfterThePopulation()
    {
        int calls = 0;
        return _ => ++calls > 16;
    }

    private static List<CandidateRecord> History(SearchOutcome outcome) => SearchHistory.Read(outcome.History).ToList();

    [Fact]
    public async Task ADuplicateOfALivingMemberIsRetriedNotInserted()
    {
        // One hidden node leaves few distinct losses: duplicates are certain.
        var published = await new RegularizedEvolution(Small(SearchProtocol.Published, hidden: 1) with { Children = 20 }, new PhenotypeFitness(), NewFolder()).RunAsync();
        var records = History(published);
        Assert.DoesNotContain(records, r => r.Verdict == CandidateVerdict.Duplicate);
        Assert.True(published.Rejected["duplicate"] > 0);
        Assert.Contains(records, r => r.Verdict == CandidateVerdict.Rejected && r.Reason!.StartsWith("duplicate of living member"));
        // Every child that trained was new to the living population when it was drawn; duplicates of dead members trained again.
        var children = records.Where(r => r.Phase == SearchPhase.Child && r.Verdict == CandidateVerdict.Evaluated).ToList();
        Assert.Equal(20, children.Count);
        Assert.Contains(children, c => records.Any(r => r.Id < c.Id && r.Verdict == CandidateVerdict.Evaluated && r.Phase != SearchPhase.InitialCheap && r.Expression == c.Expression));
        Assert.Equal(published.Population.Count, published.Population.Select(m => m.Expression).Distinct().Count());

        var ours = await new RegularizedEvolution(Small(SearchProtocol.Ours, hidden: 1) with { Children = 20 }, new PhenotypeFitness(), NewFolder()).RunAsync();
        Assert.Contains(History(ours), r => r.Verdict == CandidateVerdict.Duplicate);
    }

    [Fact]
    public async Task AFailedChildIsRetriedFromTheSameParentThenDiscarded()
    {
        var fitness = new PhenotypeFitness { FailsFor = AfterThePopulation() }; // every child fails
        var outcome = await new RegularizedEvolution(Small(SearchProtocol.Published) with { Children = 2 }, fitness, NewFolder()).RunAsync();
        var records = History(outcome);
        var initial = records.Where(r => r.Phase == SearchPhase.InitialFull).Select(r => r.Id).Order().ToList();
        var failed = records.Where(r => r.Phase == SearchPhase.Child && r.Verdict == CandidateVerdict.Failed).ToList();
        // Two slots of seven tries each, every try from its slot's one parent.
        Assert.Equal(14, failed.Count);
        Assert.Single(failed.Take(7).Select(r => r.ParentId).Distinct());
        Assert.Single(failed.Skip(7).Select(r => r.ParentId).Distinct());
        Assert.Equal(initial, outcome.Population.Select(m => m.Id).Order().ToList());
        Assert.DoesNotContain(outcome.Population, m => m.Fitness == 0);

        var ours = await new RegularizedEvolution(Small(SearchProtocol.Ours) with { Children = 2 }, new PhenotypeFitness { FailsFor = AfterThePopulation() }, NewFolder()).RunAsync();
        Assert.Contains(ours.Population, m => m.Fitness == 0);
    }

    [Fact]
    public async Task ExhaustedMutationRetriesPassTheSlotAndResumeIdentically()
    {
        // One retry on a one-node genome: many mutations are unsound or rejected, so slots run out of retries.
        var settings = Small(SearchProtocol.Published, hidden: 1) with { MutationRetries = 1, Children = 15 };
        string straight = NewFolder(), interrupted = NewFolder();
        var expected = await new RegularizedEvolution(settings, new PhenotypeFitness(), straight).RunAsync();
        Assert.True(expected.Rejected["retries-exhausted"] > 0);
        Assert.Contains(History(expected), r => r.Reason == "no valid mutation in 1 retries");

        using (var cancel = new CancellationTokenSource())
        {
            var progress = new InlineProgress<SearchProgress>(p => { if (p.Applied == 20) cancel.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new RegularizedEvolution(settings, new PhenotypeFitness(), interrupted).RunAsync(progress, cancel.Token));
        }
        var resumed = await new RegularizedEvolution(settings, new PhenotypeFitness(), interrupted).RunAsync();
        Assert.Equal(History(expected).Select(r => $"{r.Id}|{r.Verdict}|{r.Expression}|{r.Reason}"), History(resumed).Select(r => $"{r.Id}|{r.Verdict}|{r.Expression}|{r.Reason}"));
        Assert.Equal(expected.Population.Select(m => m.Id), resumed.Population.Select(m => m.Id));
    }

    [Fact]
    public async Task ConsecutiveSameExceptionFailuresAbortTheSearchButDivergenceDoesNot()
    {
        string folder = NewFolder();
        var childFails = AfterThePopulation();
        var throwing = new PhenotypeFitness { ThrowsFor = id => childFails(id) ? new OutOfMemoryException("CUDA out of memory") : null };
        var error = await Assert.ThrowsAsync<SystematicTrainingErrorException>(() =>
            new RegularizedEvolution(Small(SearchProtocol.Ours) with { SystematicErrorLimit = 3 }, throwing, folder).RunAsync());
        Assert.Equal(3, error.Count);
        Assert.Contains("OutOfMemoryException", error.Message);
        Assert.Equal(3, History(await ResumeAfterFix(folder)).Count(r => r.Phase == SearchPhase.Child && r.Verdict == CandidateVerdict.Failed));

        // Diverging children are bad losses, not a systematic error: the search runs to its end.
        var diverging = await new RegularizedEvolution(Small(SearchProtocol.Ours) with { SystematicErrorLimit = 3 }, new PhenotypeFitness { FailsFor = AfterThePopulation() }, NewFolder()).RunAsync();
        Assert.True(diverging.Rejected["diverged"] > 3);
    }

    private static Task<SearchOutcome> ResumeAfterFix(string folder) =>
        new RegularizedEvolution(Small(SearchProtocol.Ours) with { SystematicErrorLimit = 3 }, new PhenotypeFitness(), folder).RunAsync();

    [Fact]
    public async Task CrossEntropyIsScoredOnceAsTheReference()
    {
        var fitness = new PhenotypeFitness();
        var outcome = await new RegularizedEvolution(Small(SearchProtocol.Ours) with { ScoreReference = true }, fitness, NewFolder()).RunAsync();
        // The phenotype fitness is 1 for cross-entropy's own curve.
        Assert.Equal(1.0, outcome.ReferenceFitness!.Value, 9);
        Assert.Equal(outcome.Evaluated + 1, fitness.Calls);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(outcome.Summary));
        Assert.Equal(1.0, summary.RootElement.GetProperty("referenceFitness").GetDouble(), 9);
    }

    [Fact]
    public void CommonRandomNumbersShareTheTrainingSeedOnlyInOurs()
    {
        var data = new LossSearch.Learning.Data.DatasetSplits("synthetic", null!, null, null!);
        var ours = new SurrogateFitness(Small(SearchProtocol.Ours), data, "cpu", new LossSearch.Learning.Training.InputNormalization([0.5f], [0.25f]));
        var published = new SurrogateFitness(Small(SearchProtocol.Published), data, "cpu", new LossSearch.Learning.Training.InputNormalization([0.5f], [0.25f]));
        Assert.Equal(ours.TrainingSeed(7), ours.TrainingSeed(8));
        Assert.NotEqual(published.TrainingSeed(7), published.TrainingSeed(8));
    }

    [Fact]
    public void TheProtocolSetsItsPresetAndSwitchesCanDeviate()
    {
        Assert.Equal(ProtocolSwitches.Published, new SearchSettings { Protocol = SearchProtocol.Published }.Switches);
        Assert.Equal(ProtocolSwitches.Ours, new SearchSettings().Switches);
        var mixed = new SearchSettings { Protocol = SearchProtocol.Published } with { Switches = ProtocolSwitches.Published with { CommonRandomNumbers = true } };
        Assert.True(mixed.Switches.CommonRandomNumbers);
        Assert.Equal(SearchProtocol.Published, ProtocolSwitches.Parse(" Published ", "protocol"));
        Assert.StartsWith("protocol: 'paper'", Assert.Throws<InvalidInputException>(() => ProtocolSwitches.Parse("paper", "protocol")).Message);
    }
}
