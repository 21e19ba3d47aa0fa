using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;

namespace LossSearch.Host.Tests.Browser;

/// <summary>What the browser tests set up through the REST API of their <c>losssearch serve</c>, before the page is opened.</summary>
public static class ServeRequests
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task PublishAsync(this ServeProcess serve, string definitionJson) =>
        Assert.Equal(HttpStatusCode.Created, (await serve.Client.PostAsync("/api/workflow-definitions?publish=true", Json(definitionJson))).StatusCode);

    /// <returns>The new instance's id.</returns>
    public static async Task<string> ExecuteAsync(this ServeProcess serve, string definitionId, string body = "{}")
    {
        var executed = await serve.Client.PostAsync($"/api/workflow-definitions/{definitionId}/execute", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, executed.StatusCode);
        return (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!;
    }

    /// <summary>A run of <see cref="TempWorkspace.TickerWorkflow"/> with <paramref name="ticks"/> ticks.</summary>
    public static Task<string> RunTickerAsync(this ServeProcess serve, string definitionId, int ticks) =>
        serve.ExecuteAsync(definitionId, $$"""{ "inputs": { "tick": { "ticks": {{ticks}} } } }""");

    public static async Task WaitForSubStatusAsync(this ServeProcess serve, string id, string subStatus)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await serve.Client.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{id}", timeout.Token)).GetProperty("subStatus").GetString() != subStatus)
            await Task.Delay(50, timeout.Token);
    }

    /// <summary>
    /// A run of a published ticker definition whose only tick fails for real: a folder sits where the ticker writes its
    /// checkpoint file (an IOException), so the activity faults. The definition's interval must leave time to place it.
    /// </summary>
    /// <returns>The instance's id, once it is Faulted, and the folder that makes it fail (delete it to let Resume finish).</returns>
    public static async Task<(string Id, string Blocker)> RunFaultingTickerAsync(this ServeProcess serve, TempWorkspace workspace, string definitionId)
    {
        string id = await serve.RunTickerAsync(definitionId, 1);
        string blocker = Path.Combine(workspace.Artifacts, id, "tick", LossSearch.Workflows.Activities.BuiltIn.Ticker.CheckpointFile);
        Directory.CreateDirectory(blocker);
        await serve.WaitForSubStatusAsync(id, "Faulted");
        return (id, blocker);
    }

    /// <summary>The ids on one page of <c>GET /api/workflow-instances</c>, in the server's order.</summary>
    public static async Task<string[]> InstanceIdsAsync(this ServeProcess serve, string query)
    {
        var page = await serve.Client.GetFromJsonAsync<JsonElement>($"/api/workflow-instances?{query}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();
    }
}
