using System.CommandLine;
using LossSearch.Host.Engine;
using LossSearch.Workflows;

namespace LossSearch.Host.Cli;

/// <summary>The options that place the workflow engine's state, shared by run, instances and serve.</summary>
public static class EngineOptions
{
    public static readonly Option<string?> Database = new("--db")
    {
        Description = "The SQLite file holding definitions, instances and the job store (default: Workflows:Database or ./losssearch.db).",
    };

    public static readonly Option<string?> Artifacts = new("--artifacts")
    {
        Description = "Folder of per-instance, per-activity checkpoints and artifacts (default: Workflows:Artifacts or ./artifacts).",
    };

    public static WorkflowEngineOptions From(CommandContext context) =>
        EngineSetup.Options(context.Configuration, context.Parse.GetValue(Database), context.Parse.GetValue(Artifacts));
}
