namespace LossSearch.Host.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public async Task BenchLossesReportsEveryMeasurement()
    {
        var run = await CliRun.Of("bench", "losses", "--json", "--device", "cpu", "--batch", "4", "--steps", "2", "--warmup", "0", "--candidates", "2");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var step = json.GetProperty("trainStep");
        Assert.True(step.GetProperty("builtinMs").GetDouble() > 0);
        Assert.True(step.GetProperty("compiledMs").GetDouble() > 0);
        Assert.Equal("wrn-16-4", step.GetProperty("model").GetString());
        Assert.True(json.GetProperty("lossAlone").GetProperty("compiledMs").GetDouble() > 0);
        var random = json.GetProperty("randomLoss");
        Assert.Equal(2, random.GetProperty("perLoss").GetArrayLength());
        Assert.Equal(256, random.GetProperty("batch").GetInt32());
        Assert.Equal(100, random.GetProperty("classes").GetInt32());
        Assert.True(json.GetProperty("integrityCheck").GetProperty("medianMs").GetDouble() > 0);
    }

    [Fact]
    public async Task BenchEvolveReportsRateAndOverheadOfATinySearch()
    {
        var run = await CliRun.Of("bench", "evolve", "--json", "--device", "cpu", "--dataset", "synthetic:1x12x12?n=64&test=16&classes=3&seed=1",
            "--population", "2", "--sample", "1", "--initial", "2", "--children", "2", "--steps", "2", "--steps-per-epoch", "1", "--batch", "8");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        // Cheap pool of 2, both re-scored fully, 2 children (failed children are re-drawn, so at least 6 trainings).
        Assert.True(json.GetProperty("evaluated").GetInt32() >= 6);
        double wall = json.GetProperty("searchSeconds").GetDouble(), training = json.GetProperty("trainingSeconds").GetDouble();
        Assert.InRange(training, double.Epsilon, wall);
        Assert.Equal(wall - training, json.GetProperty("outsideTrainingSeconds").GetDouble(), 9);
        Assert.Equal((wall - training) / wall * 100, json.GetProperty("outsideTrainingPercent").GetDouble(), 9);
        Assert.Equal(json.GetProperty("evaluated").GetInt32() / wall * 3600, json.GetProperty("candidatesPerHour").GetDouble(), 6);
        Assert.StartsWith("synthetic:", json.GetProperty("dataset").GetString());
    }

    [Fact]
    public async Task BenchEvolveRefusesAFolderInUseAndBadSettings()
    {
        var folder = Directory.CreateTempSubdirectory("losssearch-bench-evolve-test-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "search.json"), "{}");
            var used = await CliRun.Of("bench", "evolve", "--json", "--out", folder);
            Assert.Equal(2, used.ExitCode);
            Assert.Contains("--out", used.Stderr);
            var small = await CliRun.Of("bench", "evolve", "--json", "--population", "1");
            Assert.Equal(2, small.ExitCode);
            Assert.Contains("population", small.Stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task BenchListsLossesAndRejectsBadOptions()
    {
        var help = await CliRun.Of("bench", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("losses", help.Stdout);
        Assert.Contains("evolve", help.Stdout);
        var bad = await CliRun.Of("bench", "losses", "--steps", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--steps", bad.Stderr);
    }
}
