using LossSearch.Learning.Search;

namespace LossSearch.Learning.Tests.Search;

public class SearchTimingTests
{
    [Fact]
    public async Task OutcomeSplitsWallTimeIntoFitnessAndTheRest()
    {
        var settings = new SearchSettings
        {
            PopulationSize = 3, SampleSize = 2, Children = 3, InitialPool = 4, Seed = 2,
            CheapFitness = new FitnessSettings(), Fitness = new FitnessSettings(),
        };
        var folder = Directory.CreateTempSubdirectory("evolution-timing").FullName;
        try
        {
            var fitness = new PhenotypeFitness { MaxDelayMs = 3 };
            var outcome = await new RegularizedEvolution(settings, fitness, folder).RunAsync();
            Assert.True(fitness.Calls > 0);
            Assert.True(outcome.TrainingSeconds > 0);
            Assert.True(outcome.TrainingSeconds <= outcome.WallSeconds);

            // A resumed, finished search evaluates nothing: no fitness time, its own wall time only.
            var again = await new RegularizedEvolution(settings, new PhenotypeFitness(), folder).RunAsync();
            Assert.Equal(0, again.TrainingSeconds);
            Assert.True(again.WallSeconds > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
