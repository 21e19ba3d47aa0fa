using LossSearch.Host.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace LossSearch.Host.Web;

/// <summary>
/// <c>/api/workflow-instances/{id}/artifacts</c>: the files an instance wrote (reports, plots, CSV,
/// histories). Without a path, the list of files; with one, the file. Paths never leave the
/// instance's artifacts folder.
/// </summary>
public static class InstanceArtifactEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new() { Mappings = { [".md"] = "text/markdown; charset=utf-8", [".jsonl"] = "application/x-ndjson", [".clef"] = "application/x-ndjson" } };

    public static IEndpointRouteBuilder MapInstanceArtifactEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-instances/{instanceId}/artifacts").WithTags("Workflow instances");

        group.MapGet("/", async (EngineHostedService host, string instanceId, CancellationToken cancellation) =>
        {
            if (await host.Engine.Instances.GetAsync(instanceId, cancellation) is not { } instance)
                return ApiProblems.NotFound($"unknown workflow instance '{instanceId}'");
            var root = Path.GetFullPath(instance.Artifacts);
            var files = Directory.Exists(root)
                ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                    .Where(f => !f.Contains("/checkpoints/") && !f.Contains("/candidates/"))
                    .Order(StringComparer.Ordinal).ToList()
                : [];
            return Results.Ok(new { instanceId, files });
        }).WithName("ListWorkflowInstanceArtifacts");

        group.MapGet("/{**path}", async (EngineHostedService host, string instanceId, string path, CancellationToken cancellation) =>
        {
            if (await host.Engine.Instances.GetAsync(instanceId, cancellation) is not { } instance)
                return ApiProblems.NotFound($"unknown workflow instance '{instanceId}'");
            if (Inside(instance.Artifacts, path) is not { } file)
                return ApiProblems.Invalid("path", $"'{path}' leaves the instance's artifacts folder");
            if (!File.Exists(file))
                return ApiProblems.NotFound($"instance '{instanceId}' has no artifact '{path}'");
            string type = ContentTypes.TryGetContentType(file, out var known) ? known : "application/octet-stream";
            return Results.File(file, type);
        }).WithName("GetWorkflowInstanceArtifact").ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/>, or null when it would leave it.</summary>
    public static string? Inside(string root, string relative)
    {
        var folder = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        var file = Path.GetFullPath(Path.Combine(folder, relative));
        return file.StartsWith(folder, StringComparison.Ordinal) ? file : null;
    }
}
