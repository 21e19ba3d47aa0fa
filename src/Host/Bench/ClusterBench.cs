using System.Globalization;
using System.Text.Json;
using LossSearch.Host.Engine;
using LossSearch.Learning.Training;
using LossSearch.Workflows;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Persistence;
using ILogger = Serilog.ILogger;

namespace LossSearch.Host.Bench;

/// <summary>The grid <c>bench cluster</c> runs: Train WRN (WRN-10-1) on synthetic CIFAR-10, one unit per seed.</summary>
public sealed record ClusterGrid(int Units, int Epochs, int StepsPerEpoch, int Batch, int Images)
{
    public const string Activity = "trainWrn";

    public string Definition(string id) => $$"""
    { "definitionId": "{{id}}", "root": { "activities": [ { "id": "{{Activity}}", "type": "TrainWrn", "inputs": {
        "losses": ["cross-entropy"], "datasets": ["synthetic:cifar10?n={{Images}}&test=64&seed=2"], "augmentations": ["cutout"],
        "seeds": [{{string.Join(", ", Enumerable.Range(1, Units))}}], "depth": 10, "width": 1, "epochs": {{Epochs}},
        "stepsPerEpoch": {{StepsPerEpoch}}, "batch": {{Batch}}, "learningRate": 0.05, "dropEpochs": [] } } ] } }
    """;
}

/// <summary>
/// One round of <c>bench cluster</c>: this process is the coordinator (a node with no gpu slot, so it
/// trains nothing) and <c>workers</c> child processes with one gpu slot each run the grid's units;
/// timings come from the journal (<see cref="ClusterTimings"/>).
/// </summary>
public static class ClusterBench
{
    /// <param name="store">The store as given (a password included): the workers get it in their environment, out of the process list.</param>
    public static async Task<ClusterTimings> RunAsync(string store, WorkflowEngineOptions coordinator, ClusterGrid grid, int workers, ILogger logger, CancellationToken cancellation)
    {
        var environment = new Dictionary<string, string>
        {
            ["Workflows__ClusterCheckinSeconds"] = coordinator.ClusterCheckinInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Workflows__ClusterCheckinMisfireSeconds"] = coordinator.ClusterCheckinMisfireThreshold.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Workflows__ClusterPollSeconds"] = coordinator.ClusterPollInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Logging__Directory"] = Path.Combine(coordinator.ArtifactsDirectory, "logs"),
        };
        environment[EngineSetup.StoreVariable] = store;
        var options = EngineSetup.WithGpuSlots(coordinator, 0, 0);
        await using var engine = await WorkflowEngine.StartAsync(options, EngineSetup.Registry(), logger, cancellation: cancellation);
        var nodes = new List<WorkerProcess>();
        try
        {
            for (int i = 0; i < workers; i++)
                nodes.Add(await WorkerProcess.StartAsync(["--artifacts", options.ArtifactsDirectory, "--gpu-slots", "1"], environment, TimeSpan.FromMinutes(2), cancellation: cancellation));
            logger.Information("Bench cluster: {Workers} worker(s) up ({Nodes}); {Units} units", workers, string.Join(", ", nodes.Select(n => n.NodeId)), grid.Units);
            string id = await engine.TriggerAsync(DefinitionJson.Parse(grid.Definition($"bench-cluster-{workers}")), cancellation: cancellation);
            var view = await engine.WaitAsync(id, TimeSpan.FromMilliseconds(500), cancellation: cancellation);
            if (view.SubStatus != "Finished")
                throw new InvalidOperationException($"bench instance {id} ended {view.SubStatus}: {string.Join("; ", view.Incidents.Select(i => i.Message))}");
            var outputs = view.Activities.Single(a => a.ActivityId == ClusterGrid.Activity).Outputs!.Value;
            var results = outputs.GetProperty("results").Deserialize<List<GridUnitResult>>(ValueJson.Options)!;
            return ClusterTimings.Of(view.Journal, ClusterGrid.Activity, results);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.Process.StopAsync(TimeSpan.FromSeconds(30));
                node.Dispose();
            }
        }
    }
}
