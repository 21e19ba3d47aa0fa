using LossSearch.Host.Engine;
using LossSearch.Workflows.Definitions;
using LossSearch.Host.Tests.Cli;
using LossSearch.Host.Tests.Workflows;

namespace LossSearch.Host.Tests.Funnel;

public class FunnelWorkflowTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    /// <summary>The smoke funnel made smaller still through input overrides, as a user would.</summary>
    private static readonly string[] Tiny =
    [
        "--set", "evolve.augmentations=[\"cutout\"]", "--set", "evolve.initial=3", "--set", "evolve.population=2",
        "--set", "evolve.sample=1", "--set", "evolve.children=1", "--set", "evolve.steps=6", "--set", "evolve.stepsPerEpoch=6",
        "--set", "evolve.dataset=synthetic:cifar10?n=96&test=16&seed=1",
        "--set", "selectForWrn.k=1",
        "--set", "trainWrn.augmentations=[\"cutout\"]", "--set", "trainWrn.datasets=[\"synthetic:cifar10?n=48&test=16&seed=2\"]",
        "--set", "trainWrn.epochs=1", "--set", "trainWrn.stepsPerEpoch=2", "--set", "trainWrn.dropEpochs=[]",
        "--set", "fineTune.datasets=[\"synthetic:3x32x32?classes=5&n=24&test=8&seed=4\"]", "--set", "fineTune.steps=1", "--set", "fineTune.stepsPerEvaluation=1",
        "--set", "fineTune.batch=8", "--set", "fineTune.imageSize=32",
        "--device", "cpu",
    ];

    [Fact]
    public async Task SmokeDefinitionRunsEndToEndAndLeavesAReport()
    {
        var run = await CliRun.Of(["run", RepositoryFiles.Workflow("smoke.json"), "--json", .. Tiny, .. _workspace.EngineArgs]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("Finished", json.GetProperty("subStatus").GetString());
        string artifacts = json.GetProperty("artifacts").GetString()!;
        string report = Path.Combine(artifacts, "report", "report.md");
        Assert.True(File.Exists(report), report);
        string markdown = File.ReadAllText(report);
        Assert.Contains("## Evolution", markdown);
        Assert.Contains("## WideResNet", markdown);
        Assert.Contains("## EfficientNetV2-S fine-tuning", markdown);
        Assert.True(File.Exists(Path.Combine(artifacts, "report", "wrn.csv")));

        var show = await CliRun.Of(["instances", "show", json.GetProperty("instanceId").GetString()!, "--json", .. _workspace.EngineArgs]);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("fineTune", show.Stdout);
    }

    [Theory]
    [InlineData("funnel.json")]
    [InlineData("smoke.json")]
    [InlineData("fashion.json")]
    public void DefinitionsValidateAgainstTheFunnelActivities(string name)
    {
        var definition = DefinitionJson.Parse(File.ReadAllText(RepositoryFiles.Workflow(name)));
        Assert.Empty(new DefinitionValidator(EngineSetup.Registry()).Validate(definition));
        Assert.Equal(
            ["Evolve", "SelectTopK", "TrainWrn", "SelectTopK", "FineTuneEfficientNet", "Report"],
            definition.Root.Activities.Select(a => a.Type));
    }

    [Fact]
    public void ThePublishedFunnelSearchesUnderThePublishedProtocol()
    {
        var definition = DefinitionJson.Parse(File.ReadAllText(RepositoryFiles.Workflow("funnel.json")));
        var inputs = definition.Root.Activities.Single(a => a.Type == "Evolve").Inputs;
        Assert.Equal("published", inputs["protocol"].GetString());
        Assert.Equal(64, inputs["batch"].GetInt32());
        var evolve = new LossSearch.Activities.Evolve { Dataset = "synthetic:cifar10", Protocol = inputs["protocol"].GetString()! };
        Assert.All(evolve.Settings(), s => Assert.Equal(LossSearch.Learning.Search.ProtocolSwitches.Published, s.Switches));
        Assert.All(new LossSearch.Activities.Evolve { Dataset = "synthetic:cifar10" }.Settings(),
            s => Assert.Equal(LossSearch.Learning.Search.ProtocolSwitches.Ours, s.Switches));
    }

    [Fact]
    public void ABrokenFunnelNamesThePathOfTheProblem()
    {
        string json = File.ReadAllText(RepositoryFiles.Workflow("smoke.json")).Replace("\"k\": 2", "\"k\": \"two\"");
        var errors = new DefinitionValidator(EngineSetup.Registry()).Validate(DefinitionJson.Parse(json));
        Assert.Contains(errors, e => e.Path.Contains("inputs.k"));
    }

    public void Dispose() => _workspace.Dispose();
}
