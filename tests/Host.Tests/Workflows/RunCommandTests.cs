using LossSearch.Host.Tests.Cli;

namespace LossSearch.Host.Tests.Workflows;

public class RunCommandTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private Task<CliRun> Cli(params string[] args) => CliRun.Of([.. args, .. _workspace.EngineArgs]);

    [Fact]
    public async Task RunFollowsToTheEndAndPrintsTheJsonSummary()
    {
        string file = _workspace.Write("w.json", TempWorkspace.TickerWorkflow("w", ticks: 3, intervalMs: 10));
        var run = await Cli("run", file, "--set", "tick.ticks=4", "--set", "hello.text=override", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal(["instanceId", "status", "subStatus", "artifacts"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Finished", json.GetProperty("subStatus").GetString());
        string id = json.GetProperty("instanceId").GetString()!;
        Assert.Equal(Path.Combine(_workspace.Artifacts, id), json.GetProperty("artifacts").GetString());
        Assert.Equal("4", File.ReadAllText(Path.Combine(_workspace.Artifacts, id, "tick", "ticks.txt")));

        var show = await Cli("instances", "show", id, "--json");
        Assert.Equal(0, show.ExitCode);
        var activities = show.Json().GetProperty("activities");
        Assert.Equal("override", activities[0].GetProperty("outputs").GetProperty("result").GetString());
        Assert.Equal(4, activities[1].GetProperty("outputs").GetProperty("counted").GetInt32());

        // The definition is now in the store: run it by id.
        var byId = await Cli("run", "w", "--json");
        Assert.Equal(0, byId.ExitCode);
        var list = await Cli("instances", "list", "--json");
        Assert.Equal(2, list.Json().GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task HumanRunShowsTheOutcome()
    {
        string file = _workspace.Write("w.json", TempWorkspace.TickerWorkflow("w", ticks: 2, intervalMs: 10));
        var run = await Cli("run", file);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Finished/Finished", run.Stdout);
    }

    [Fact]
    public async Task BadDefinitionFileIsBadInputNamingFileAndPath()
    {
        string file = _workspace.Write("bad.json", """{ "definitionId": "bad", "root": { "activities": [ { "id": "a", "type": "Ticker", "inputs": { "ticks": "x" } } ] } }""");
        var run = await Cli("run", file, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.root.activities[0].inputs.ticks", run.Stderr);
        Assert.Equal("", run.Stdout);

        string malformed = _workspace.Write("malformed.json", """{ "definitionId": "bad", """);
        var parse = await Cli("run", malformed, "--json");
        Assert.Equal(2, parse.ExitCode);
        Assert.Contains("malformed.json", parse.Stderr);
    }

    [Fact]
    public async Task BadOverrideUnknownWorkflowAndUnknownInstanceAreBadInput()
    {
        string file = _workspace.Write("w.json", TempWorkspace.TickerWorkflow("w", ticks: 1, intervalMs: 10));
        var badSet = await Cli("run", file, "--set", "tick.ticks=lots", "--json");
        Assert.Equal(2, badSet.ExitCode);
        Assert.Contains("tick.ticks", badSet.Stderr);
        var noDot = await Cli("run", file, "--set", "ticks=3");
        Assert.Equal(2, noDot.ExitCode);

        Assert.Equal(2, (await Cli("run", "no-such-workflow")).ExitCode);
        var missingFile = await Cli("run", "missing.json");
        Assert.Equal(2, missingFile.ExitCode);
        Assert.Contains("missing.json", missingFile.Stderr);
        Assert.Equal(2, (await Cli("instances", "show", "nope")).ExitCode);
        Assert.Equal(2, (await Cli("instances", "cancel", "nope")).ExitCode);
        Assert.Equal(0, (await Cli("instances", "list", "--json")).Json().GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ResumeOrCancelOfAFinishedInstanceIsRefused()
    {
        string file = _workspace.Write("w.json", TempWorkspace.TickerWorkflow("w", ticks: 1, intervalMs: 10));
        string id = (await Cli("run", file, "--json")).Json().GetProperty("instanceId").GetString()!;
        var resume = await Cli("instances", "resume", id);
        Assert.Equal(2, resume.ExitCode);
        Assert.Contains("nothing to resume", resume.Stderr);
        Assert.Equal(2, (await Cli("instances", "cancel", id)).ExitCode);
    }

    public void Dispose() => _workspace.Dispose();
}
