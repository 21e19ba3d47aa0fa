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
