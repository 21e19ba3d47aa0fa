using LossSearch.Workflows.Logging;
using LossSearch.Workflows.Tests.Support;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace LossSearch.Workflows.Tests.Runtime;

public class LogContextTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    private sealed class Collector : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];
        public void Emit(LogEvent logEvent) { lock (Events) Events.Add(logEvent); }
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task ActivityLogEventsCarryInstanceDefinitionActivityAndAttempt(string store)
    {
        _fixture.Use(store);
        var sink = new Collector();
        var logger = new LoggerConfiguration().MinimumLevel.Debug().Enrich.FromLogContext().WriteTo.Sink(sink).CreateLogger();
        string id;
        await using (var engine = await WorkflowEngine.StartAsync(_fixture.Options, EngineFixture.Registry(), logger))
        {
            id = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.Single("logged", "Echo", """{ "text": "look" }""")));
            await engine.WaitAsync(id, TimeSpan.FromMilliseconds(50));
        }
        LogEvent echo;
        lock (sink.Events) echo = sink.Events.Single(e => e.MessageTemplate.Text == "Echo {Text}");
        string Scalar(string name) => ((ScalarValue)echo.Properties[name]).Value!.ToString()!;
        Assert.Equal(id, Scalar(WorkflowLogProperties.InstanceId));
        Assert.Equal("only", Scalar(WorkflowLogProperties.ActivityId));
        Assert.Equal("logged", Scalar(WorkflowLogProperties.DefinitionId));
        Assert.Equal("1", Scalar(WorkflowLogProperties.DefinitionVersion));
        Assert.Equal("1", Scalar(WorkflowLogProperties.Attempt));
    }

    public void Dispose() => _fixture.Dispose();
}
