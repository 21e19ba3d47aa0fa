using LossSearch.Host.Tests.Workflows;

namespace LossSearch.Host.Tests.Browser;

/// <summary>
/// One real <c>losssearch serve</c> in one temporary folder for all tests of a class (a class fixture), for tests that
/// each work on their own definitions and instances and so need no server of their own.
/// </summary>
public sealed class SharedServe : IAsyncLifetime
{
    private ServeProcess? _serve;

    public TempWorkspace Workspace { get; } = new();

    public ServeProcess Serve => _serve ?? throw new InvalidOperationException("the server has not started");

    public async Task InitializeAsync() => _serve = await ServeProcess.StartAsync(Workspace);

    public Task DisposeAsync()
    {
        _serve?.Dispose();
        Workspace.Dispose();
        return Task.CompletedTask;
    }
}
