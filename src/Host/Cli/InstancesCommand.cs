using System.CommandLine;
using Serilog.Extensions.Logging;
using LossSearch.Host.Engine;
using LossSearch.Workflows;
using LossSearch.Workflows.Instances;
using LossSearch.Workflows.Runtime;
using Spectre.Console;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch instances list|show|resume|cancel</c>: manage instances through the store.</summary>
public static class InstancesCommand
{
    private static readonly Argument<string> Id = new("ID") { Description = "The instance id." };
    private static readonly Option<int> PageNumber = new("--page") { Description = "Page number, from 1.", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> PageSize = new("--page-size") { Description = "Instances per page.", DefaultValueFactory = _ => 20 };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("instances", "List, inspect, resume and cancel workflow instances.");
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Show(runner));
        command.Subcommands.Add(Resume(runner));
        command.Subcommands.Add(Cancel(runner));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List instances, newest first.") { PageNumber, PageSize, EngineOptions.Store, EngineOptions.Database, EngineOptions.Artifacts };
        runner.Bind(command, async (context, cancellation) =>
        {
            int page = context.Value(PageNumber), size = context.Value(PageSize);
            if (page < 1) throw new Learning.InvalidInputException("--page must be 1 or more");
            if (size is < 1 or > 500) throw new Learning.InvalidInputException("--page-size must be between 1 and 500");
            var store = await OpenStoreAsync(context, cancellation);
            var list = await store.Instances.ListAsync(page, size, cancellation: cancellation);
            if (context.Json)
            {
                context.WriteJson(list);
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("Id", "Definition", "Status", "Sub-status", "Created");
            foreach (var i in list.Items)
                table.AddRow(i.Id, Markup.Escape($"{i.DefinitionId} v{i.DefinitionVersion}"), i.Status, i.SubStatus, i.CreatedAt.ToString("u"));
            context.Terminal.Write(table);
            context.Terminal.MarkupLine($"page {list.PageNumber}, {list.Items.Count} of {list.Total}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var command = new Command("show", "Status, each activity's progress, heartbeat and outputs, incidents and journal.") { Id, EngineOptions.Store, EngineOptions.Database, EngineOptions.Artifacts };
        runner.Bind(command, async (context, cancellation) =>
        {
            var store = await OpenStoreAsync(context, cancellation);
            string id = context.Value(Id);
            var view = await store.Instances.GetAsync(id, cancellation) ?? throw new WorkflowNotFoundException($"unknown workflow instance '{id}'");
            if (context.Json)
            {
                context.WriteJson(view);
                return ExitCodes.Success;
            }
            WriteView(context, view);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Resume(CommandRunner runner)
    {
        var command = new Command("resume", "Re-run stalled, faulted, cancelled or suspended activities from their checkpoints, and follow the instance to the end.")
        {
            Id, EngineOptions.Store, EngineOptions.Database, EngineOptions.Artifacts,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            string id = context.Value(Id);
            await using var engine = await WorkflowEngine.StartAsync(EngineOptions.From(context), EngineSetup.Registry(), context.Logger, quartzLogging: new SerilogLoggerFactory(context.Logger), cancellation: cancellation);
            var outcome = await engine.ResumeAsync(id, cancellation);
            var current = await engine.Instances.GetAsync(id, cancellation);
            switch (outcome)
            {
                case ControlOutcome.NotFound:
                    throw new WorkflowNotFoundException($"unknown workflow instance '{id}'");
                case ControlOutcome.Conflict when current!.Status != "Running":
                    throw new WorkflowConflictException($"instance '{id}' is {current.Status}/{current.SubStatus}; there is nothing to resume");
            }
            // Conflict on a running instance: this engine's start already recovered its interrupted work; follow it.
            var view = await InstanceFollower.FollowAsync(context, engine, id, cancellation);
            return InstanceFollower.Report(context, view);
        });
        return command;
    }

    private static Command Cancel(CommandRunner runner)
    {
        var command = new Command("cancel", "Cancel a running instance; running activities stop at their next heartbeat and keep their checkpoints.")
        {
            Id, EngineOptions.Store, EngineOptions.Database, EngineOptions.Artifacts,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            string id = context.Value(Id);
            var store = await OpenStoreAsync(context, cancellation);
            switch (await store.CancelAsync(id, cancellation))
            {
                case ControlOutcome.NotFound: throw new WorkflowNotFoundException($"unknown workflow instance '{id}'");
                case ControlOutcome.Conflict: throw new WorkflowConflictException($"instance '{id}' is not running");
            }
            var view = (await store.Instances.GetAsync(id, cancellation))!;
            if (context.Json) context.WriteJson(new { instanceId = id, status = view.Status, subStatus = view.SubStatus });
            else context.Terminal.MarkupLine($"Instance {id} cancelled.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task<WorkflowStore> OpenStoreAsync(CommandContext context, CancellationToken cancellation) =>
        WorkflowStore.OpenAsync(EngineOptions.From(context), EngineSetup.Registry(), cancellation: cancellation);

    private static void WriteView(CommandContext context, InstanceView view)
    {
        context.Terminal.MarkupLine(Markup.Escape($"{view.Id}  {view.DefinitionId} v{view.DefinitionVersion}  {view.Status}/{view.SubStatus}  artifacts: {view.Artifacts}"));
        var table = new Table().AddColumns("Activity", "Type", "Status", "Attempt", "Progress", "Last heartbeat", "Outputs");
        foreach (var a in view.Activities)
            table.AddRow(Markup.Escape(a.ActivityId), Markup.Escape(a.Type), a.Status, a.Attempt.ToString(), $"{a.Progress:P0}",
                a.LastHeartbeat?.ToString("u") ?? "", Markup.Escape(a.Outputs?.GetRawText() ?? ""));
        context.Terminal.Write(table);
        foreach (var incident in view.Incidents)
            context.Terminal.MarkupLine(Markup.Escape($"incident {incident.At:u} {incident.ActivityId} attempt {incident.Attempt}: {incident.ExceptionType}: {incident.Message}"));
    }
}
