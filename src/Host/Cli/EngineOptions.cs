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

    public static WorkflowEngineOptions From(CommandContext context) =>
        EngineSetup.Options(context.Configuration, context.Parse.GetValue(Store), context.Parse.GetValue(Database), context.Parse.GetValue(Artifacts));
}
