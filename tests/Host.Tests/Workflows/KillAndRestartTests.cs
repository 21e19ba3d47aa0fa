using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LossSearch.Host.Tests.Workflows;

public class KillAndRestartTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private static async Task<JsonElement> WaitAsync(HttpClient http, string id, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var view = await http.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{id}", timeout.Token);
            if (done(view)) return view;
            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task KilledServerRecoversTheActivityFromItsCheckpointAndRunsNothingTwice()
    {
        string id;
        using (var first = await ServeProcess.StartAsync(_workspace))
        {
            var content = new StringContent(TempWorkspace.TickerWorkflow("crash", ticks: 30, intervalMs: 100), Encoding.UTF8, "application/json");
            (await first.Client.PostAsync("/api/workflow-definitions?publish=true", content)).EnsureSuccessStatusCode();
            var executed = await first.Client.PostAsync("/api/workflow-definitions/crash/execute", null);
            id = (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!;
            await WaitAsync(first.Client, id, v => v.GetProperty("activities")[1].GetProperty("progress").GetDouble() >= 0.2);
            first.Kill();
        }

        using var second = await ServeProcess.StartAsync(_workspace);
        var view = await WaitAsync(second.Client, id, v => v.GetProperty("status").GetString() == "Finished");

        Assert.Equal("Finished", view.GetProperty("subStatus").GetString());
        var hello = view.GetProperty("activities")[0];
        var tick = view.GetProperty("activities")[1];
        Assert.Equal("hi", hello.GetProperty("outputs").GetProperty("result").GetString());
        Assert.Equal(30, tick.GetProperty("outputs").GetProperty("counted").GetInt32());
        Assert.Equal(2, tick.GetProperty("attempt").GetInt32());
        Assert.InRange(tick.GetProperty("outputs").GetProperty("startedFrom").GetInt32(), 6, 29);

        var journal = view.GetProperty("journal").EnumerateArray().ToList();
        int Count(string e, string activity) => journal.Count(j => j.GetProperty("event").GetString() == e && j.GetProperty("activityId").GetString() == activity);
        Assert.Equal(1, Count("ActivityRecovered", "tick"));
        Assert.Equal(1, Count("ActivityCompleted", "tick"));
        Assert.Equal(1, Count("ActivityCompleted", "hello"));
        Assert.Equal(1, Count("ActivityStarted", "hello"));
    }

    public void Dispose() => _workspace.Dispose();
}
