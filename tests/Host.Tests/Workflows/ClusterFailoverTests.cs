using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Bench;
using LossSearch.Host.Tests.Cli;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Persistence;

namespace LossSearch.Host.Tests.Workflows;

/// <summary>
/// The failover test with real processes: a coordinator (<c>serve --gpu-slots 0</c>) and two
/// <c>losssearch worker</c>s on one private PostgreSQL cluster run a small Evolve and a four-unit Train
/// WRN grid; one worker is killed with SIGKILL in the middle of a unit, after that unit's first epoch
/// checkpoint. The check-in interval, misfire threshold and poll interval are set short through
/// configuration, so that the other worker takes the unit over within seconds.
/// </summary>
public class ClusterFailoverTests : IDisposable
{
    private const int Epochs = 6;
    private readonly TempWorkspace _workspace = new();

    private static readonly Dictionary<string, string> FastFailover = new()
    {
        ["Workflows__ClusterCheckinSeconds"] = "1",
        ["Workflows__ClusterCheckinMisfireSeconds"] = "2",
        ["Workflows__ClusterPollSeconds"] = "1",
    };

    /// <summary>One Evolve search, then 2 losses × 2 seeds of WRN-10-1 on synthetic CIFAR-10, six epochs of two steps each.</summary>
    private static string Definition(string id) => $$"""
    {
      "definitionId": "{{id}}",
      "root": {
        "activities": [
          { "id": "evolve", "type": "Evolve", "inputs": {
              "dataset": "synthetic:cifar10?n=96&test=16&seed=1", "augmentations": ["cutout"], "seeds": [1],
              "initial": 3, "population": 2, "sample": 1, "children": 1, "cheapInitialScoring": false,
              "steps": 4, "stepsPerEpoch": 4, "batch": 16, "warmup": 0, "top": 2, "device": "cpu" } },
          { "id": "trainWrn", "type": "TrainWrn", "inputs": {
              "losses": ["cross-entropy", "focal"], "datasets": ["synthetic:cifar10?n=64&test=16&seed=2"],
              "augmentations": ["cutout"], "seeds": [1, 2], "depth": 10, "width": 1,
              "epochs": {{Epochs}}, "stepsPerEpoch": 2, "batch": 16, "learningRate": 0.05, "dropEpochs": [], "device": "cpu" } }
        ],
        "connections": [ { "source": { "activity": "evolve", "port": "Done" }, "target": { "activity": "trainWrn", "port": "In" } } ]
      }
    }
    """;

    [Fact]
    public async Task AWorkerKilledMidUnitIsReplacedByTheOtherWhichContinuesTheUnitFromItsCheckpoint()
    {
        using var postgres = PrivatePostgreSqlCluster.Start();
        string store = postgres.CreateDatabase();
        string[] node = ["--store", store, "--artifacts", _workspace.Artifacts];
        // The coordinator first: it creates the schema that the workers then find.
        using var coordinator = await ServeProcess.StartAsync(_workspace, arguments: [.. node, "--gpu-slots", "0"], environment: FastFailover);
        var environment = _workspace.Environment;
        foreach (var (name, value) in FastFailover) environment[name] = value;
        var joining = new[] { 0, 1 }.Select(_ => WorkerProcess.StartAsync([.. node, "--gpu-slots", "1"], environment, TimeSpan.FromMinutes(2), _workspace.Root)).ToList();
        using var stopWorkers = new Stopping(joining);

        // Meanwhile the single-node reference: SQLite, this process, the same definition and seeds.
        string[] single = ["--store", "sqlite:" + Path.Combine(_workspace.Root, "reference.db"), "--artifacts", Path.Combine(_workspace.Root, "reference-artifacts")];
        var reference = await CliRun.Of(["run", _workspace.Write("reference.json", Definition("reference")), "--json", .. single]);
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        Assert.Equal("Finished", reference.Json().GetProperty("subStatus").GetString());
        var shown = await CliRun.Of(["instances", "show", reference.Json().GetProperty("instanceId").GetString()!, "--json", .. single]);
        var expected = shown.Json().GetProperty("activities");

        var workers = new Dictionary<string, ProgramProcess>();
        foreach (var worker in await Task.WhenAll(joining)) workers[worker.NodeId] = worker.Process;

        var http = coordinator.Client;
        (await http.PostAsync("/api/workflow-definitions?publish=true", new StringContent(Definition("failover"), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var executed = await http.PostAsync("/api/workflow-definitions/failover/execute", null);
        string id = (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!;

        // Kill the worker of the first unit that has checkpointed an epoch but is still well short of its last.
        var (killedUnit, killedNode) = await WaitForUnitMidwayAsync(http, id);
        workers[killedNode].Kill();
        var survivorNode = workers.Keys.Single(n => n != killedNode);

        var view = await WaitAsync(http, id, v => v.GetProperty("status").GetString() == "Finished", TimeSpan.FromMinutes(4));
        Assert.True(view.GetProperty("subStatus").GetString() == "Finished", $"{view}\n{coordinator.Output}\n{workers[survivorNode].Output}");
        var journal = view.GetProperty("journal").EnumerateArray().ToList();

        // The other worker finished the instance: the killed unit was recovered and completed there.
        Assert.Contains(journal, j => Is(j, "WorkItemRecovered", "trainWrn") && Detail(j).Contains(killedUnit) && Detail(j).EndsWith(" on " + survivorNode));
        Assert.Contains(journal, j => Is(j, "WorkItemCompleted", "trainWrn") && Detail(j).Contains(killedUnit) && Detail(j).EndsWith(" on " + survivorNode));
        Assert.Equal(4, journal.Count(j => Is(j, "WorkItemCompleted", "trainWrn")));
        Assert.Equal(1, journal.Count(j => Is(j, "WorkItemCompleted", "evolve")));
        // The coordinator (--gpu-slots 0) trained nothing.
        Assert.All(journal.Where(j => Is(j, "WorkItemStarted", null) || Is(j, "WorkItemRecovered", null)), j => Assert.True(workers.Keys.Any(n => Detail(j).EndsWith(" on " + n)), Detail(j)));

        // Every unit's result.json exists once, and was written by one training to the end.
        string units = Path.Combine(Checkpoint(view, "trainWrn"), "units");
        var folders = Directory.GetDirectories(units);
        Assert.Equal(4, folders.Length);
        foreach (string folder in folders)
        {
            Assert.Single(Directory.GetFiles(folder, "result*"));
            Assert.Single(UnitJournal.Read(folder), e => e.Event == UnitJournal.Finished);
        }

        // The killed unit's journal: an attempt from scratch that never finished, then one from a checkpoint of epoch ≥ 1.
        var killed = UnitJournal.Read(Path.Combine(units, killedUnit));
        Assert.Equal([UnitJournal.Started, UnitJournal.Started, UnitJournal.Finished], killed.Select(e => e.Event));
        Assert.Equal(0, killed[0].Epoch);
        Assert.InRange(killed[1].Epoch, 1, Epochs - 1);
        Assert.Equal((killed[1].Epoch, "Completed"), (killed[2].Epoch, killed[2].Status));
        var killedResult = Output(view, "trainWrn", "results").EnumerateArray().Single(r => new GridUnit(
            r.GetProperty("loss").GetString()!, r.GetProperty("dataset").GetString()!, r.GetProperty("augmentation").GetString()!, r.GetProperty("seed").GetInt32()).Key == killedUnit);
        Assert.Equal(killed[1].Epoch, killedResult.GetProperty("resumedFromEpoch").GetInt32());
        Assert.Equal(Epochs, killedResult.GetProperty("history").GetArrayLength());

        // The same table and search outcome as the single-node run.
        Assert.Equal(Compact(Activity(expected, "trainWrn").GetProperty("outputs").GetProperty("table")), Compact(Output(view, "trainWrn", "table")));
        Assert.Equal(Compact(Activity(expected, "evolve").GetProperty("outputs").GetProperty("scores")), Compact(Output(view, "evolve", "scores")));
    }

    /// <summary>A unit with a checkpoint of epoch 1 to <see cref="Epochs"/> − 2 and no result yet, and the node its current attempt runs on.</summary>
    private static async Task<(string Unit, string Node)> WaitForUnitMidwayAsync(HttpClient http, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var view = await http.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{id}", timeout.Token);
            string units = Path.Combine(Checkpoint(view, "trainWrn"), "units");
            foreach (string folder in Directory.Exists(units) ? Directory.GetDirectories(units) : [])
            {
                if (File.Exists(Path.Combine(folder, TrainingGrid.ResultFile))) continue;
                var entries = new TrainingCheckpoints(Path.Combine(folder, "checkpoints")).Entries;
                if (entries.Count == 0 || entries[^1].Epoch < 1 || entries[^1].Epoch > Epochs - 2) continue;
                string unit = Path.GetFileName(folder);
                var started = view.GetProperty("journal").EnumerateArray().LastOrDefault(j => Is(j, "WorkItemStarted", "trainWrn") && Detail(j).Contains(" " + unit + " on "));
                if (started.ValueKind == JsonValueKind.Object) return (unit, Detail(started)[(Detail(started).LastIndexOf(" on ", StringComparison.Ordinal) + 4)..]);
            }
            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, string id, Func<JsonElement, bool> done, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var view = await http.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{id}", timeout.Token);
            if (done(view)) return view;
            await Task.Delay(200, timeout.Token);
        }
    }

    private static string Compact(JsonElement value) => JsonSerializer.Serialize(value);

    private static bool Is(JsonElement entry, string @event, string? activity) =>
        entry.GetProperty("event").GetString() == @event && (activity is null || entry.GetProperty("activityId").GetString() == activity);

    private static string Detail(JsonElement entry) => entry.GetProperty("detail").GetString() ?? "";

    private static JsonElement Activity(JsonElement activities, string id) => activities.EnumerateArray().Single(a => a.GetProperty("activityId").GetString() == id);

    private static string Checkpoint(JsonElement view, string activity) => Activity(view.GetProperty("activities"), activity).GetProperty("checkpoint").GetString()!;

    private static JsonElement Output(JsonElement view, string activity, string output) =>
        Activity(view.GetProperty("activities"), activity).GetProperty("outputs").GetProperty(output);

    /// <summary>Kills the workers at the end of the test, those still joining too, whatever the test's outcome.</summary>
    private sealed class Stopping(IReadOnlyList<Task<WorkerProcess>> joining) : IDisposable
    {
        public void Dispose()
        {
            foreach (var worker in joining)
            {
                try { worker.GetAwaiter().GetResult().Dispose(); }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
            }
        }
    }

    public void Dispose() => _workspace.Dispose();
}
