using System.Text.Json;
using LossSearch.Workflows.Activities;

namespace LossSearch.Workflows.Tests.Support;

[Activity(Description = "Joins a label and a count.")]
public sealed class Tally : Activity
{
    [Input(Required = true)] public string Label { get; set; } = "";
    [Input(Required = true)] public int Count { get; set; }
    [Output] public string Summary { get; set; } = "";

    public override Task ExecuteAsync(ActivityContext context)
    {
        Summary = $"{Label}:{Count}";
        return Task.CompletedTask;
    }
}

[Activity(Description = "Fails until its attempt reaches SucceedOnAttempt.", MaxAttempts = 3)]
public sealed class Flaky : Activity
{
    [Input] public int SucceedOnAttempt { get; set; } = 2;
    [Output] public int SucceededOn { get; set; }

    public override Task ExecuteAsync(ActivityContext context)
    {
        if (context.Attempt < SucceedOnAttempt) throw new InvalidOperationException($"flaky failure on attempt {context.Attempt}");
        SucceededOn = context.Attempt;
        return Task.CompletedTask;
    }
}

[Activity(Description = "Always throws.")]
public sealed class Boom : Activity
{
    public override Task ExecuteAsync(ActivityContext context) => throw new ArithmeticException("boom");
}

[Activity(Description = "Waits a little in the 'solo' execution group.", ExecutionGroup = "solo")]
public sealed class Solo : Activity
{
    public override Task ExecuteAsync(ActivityContext context) => Task.Delay(600, context.CancellationToken);
}

/// <summary>Colours a closed test catalogue offers.</summary>
public sealed class ColourChoices : IInputChoices
{
    public IReadOnlyList<string> Values { get; } = ["red", "green"];
    public bool Open => false;
    public string? Check(string value) => Values.Contains(value) ? null : $"'{value}' is not a colour";
}

[Activity(Description = "Inputs with choices and ranges.")]
public sealed class Bounded : Activity
{
    [Input(Choices = typeof(ColourChoices))] public string Colour { get; set; } = "red";
    [Input(Choices = typeof(ColourChoices))] public List<string> Palette { get; set; } = ["green"];
    [Input(Minimum = 1, Maximum = 10)] public int Count { get; set; } = 1;
    [Input(Minimum = 0, ExclusiveMinimum = true, Maximum = 1, ExclusiveMaximum = true)] public double Rate { get; set; } = 0.5;
    [Input(Minimum = 0)] public List<int> Seeds { get; set; } = [1];
    [Output] public string Summary { get; set; } = "";

    /// <summary>A rule across inputs: at most three of green.</summary>
    public override IEnumerable<InputProblem> Validate(IReadOnlySet<string> unknown)
    {
        if (!unknown.Contains("colour") && !unknown.Contains("count") && Colour == "green" && Count > 3)
            yield return new InputProblem("count", $"{Count} green is more than 3");
    }

    public override Task ExecuteAsync(ActivityContext context)
    {
        Summary = $"{Colour}:{Count}";
        return Task.CompletedTask;
    }
}

[Activity(Description = "Work items that each stay silent (no progress, no heartbeat of their own) for SilentMs, like a long dataset decode.")]
public sealed class QuietGrid : FanOutActivity
{
    [Input] public int Items { get; set; } = 2;
    [Input] public int SilentMs { get; set; } = 1000;
    [Output] public int Done { get; set; }

    public override IReadOnlyList<string> WorkItems() => Enumerable.Range(0, Items).Select(i => $"quiet-{i}").ToList();

    public override async Task<JsonElement> RunWorkItemAsync(int index, ActivityContext context)
    {
        await Task.Delay(SilentMs, context.CancellationToken);
        return JsonSerializer.SerializeToElement(index);
    }

    public override void Gather(IReadOnlyList<JsonElement> results) => Done = results.Count;
}
