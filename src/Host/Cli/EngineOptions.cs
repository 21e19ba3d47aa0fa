using System.CommandLine;
using LossSearch.Host.Engine;
using LossSearch.Workflows;

namespace LossSearch.Host.Cli;

/// <summary>The options that place the workflow engine's state, shared by run, instances, serve and worker.</summary>
public static class EngineOptions
{
    public static readonly Option<string?> Store = new("--store")
    {
        Description = "Where definitions, instances and the job store live: sqlite:PATH or postgresql://user[:password]@host[:port]/database "
            + "(default: LOSSSEARCH_STORE, Workflows:Store, or sqlite:./losssearch.db).",
    };

    public static readonly Option<string?> Database = new("--db")
    {
        Description = "Shorthand for --store sqlite:PATH.",
    };

    public static readonly Option<string?> Artifacts = new("--artifacts")
    {
        Description = "Folder of per-instance, per-activity checkpoints and artifacts (default: Workflows:Artifacts or ./artifacts).",
    };

    public static readonly Option<int?> GpuSlots = new("--gpu-slots")
    {
        Description = "Jobs of the gpu group (training) this node runs at once; slot i uses cuda:i (default: Workflows:ExecutionGroupLimits:gpu, "
            + "else the number of CUDA devices, 1 on a CPU-only machine; 0 for a coordinator that trains nothing).",
    };

    public static WorkflowEngineOptions From(CommandContext context) =>
        EngineSetup.WithGpuSlots(
            EngineSetup.Options(context.Configuration, context.Parse.GetValue(Store), context.Parse.GetValue(Database), context.Parse.GetValue(Artifacts)),
            context.Parse.GetResult(GpuSlots) is null ? null : context.Parse.GetValue(GpuSlots),
            TorchSharp.torch.cuda.is_available() ? TorchSharp.torch.cuda.device_count() : 0);
}
