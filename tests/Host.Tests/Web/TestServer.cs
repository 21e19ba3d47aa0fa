using System.Net.Http.Json;
using System.Text.Json;
using LossSearch.Host.Web;
using LossSearch.Host.Web.Security;
using LossSearch.Workflows;
using Microsoft.AspNetCore.Builder;
using Serilog;

namespace LossSearch.Host.Tests.Web;

/// <summary>The real server (<see cref="ServerApp"/>) on 127.0.0.1 with a free port, over real HTTP.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<TestServer> StartAsync(WorkflowEngineOptions options, ServerSecurity? security = null)
    {
        var app = ServerApp.Build([], "http://127.0.0.1:0", new LoggerConfiguration().CreateLogger(), "cpu", options, security: security);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        return new TestServer(app, client);
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Client.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Polls an instance until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitForInstanceAsync(string id, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = await Client.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{id}", timeout.Token);
            if (done(view)) return view;
            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
