using System.CommandLine;
using Serilog.Extensions.Logging;
using LossSearch.Host.Engine;
using LossSearch.Learning;
using LossSearch.Workflows;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Runtime;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch run WORKFLOW</c>: trigger a definition in-process and follow it to the end.</summary>
public static class RunCommand
{
    public static readonly Argument<string> Workflow = new("WORKFLOW")
    {
        Description = "A definition file (JSON) or the id of a published definition in the store.",
    };

    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override an input: ACTIVITY.INPUT=VALUE (VALUE is JSON, or else a string). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("run", "Trigger a workflow definition and follow it to the end with progress bars.")
        {
            Workflow, Set, EngineOptions.Store, EngineOptions.Database, EngineOptions.Artifacts,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            string workflow = context.Value(Workflow);
            var overrides = new InputOverrides();
            foreach (var assignment in context.Parse.GetValue(Set) ?? []) overrides.Set(assignment);
            if (!File.Exists(workflow) && workflow.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                throw new FileNotFoundException($"definition file not found: {workflow}");
            var definition = File.Exists(workflow) ? ReadDefinition(workflow) : null;

            await using var engine = await WorkflowEngine.StartAsync(EngineOptions.From(context), EngineSetup.Registry(), context.Logger, quartzLogging: new SerilogLoggerFactory(context.Logger), cancellation: cancellation);
            string instanceId = definition is null
                ? await engine.TriggerAsync(workflow, overrides, cancellation)
                : await engine.TriggerAsync(definition, overrides, cancellation);
            var view = await InstanceFollower.FollowAsync(context, engine, instanceId, cancellation);
            return InstanceFollower.Report(context, view);
        });
        return command;
    }

    private static WorkflowDefinition ReadDefinition(string file)
    {
        try
        {
            return DefinitionJson.Parse(File.ReadAllText(file));
        }
        catch (WorkflowValidationException e)
        {
            throw new InvalidInputException($"{file}: {e.Message}", e);
        }
    }
}
