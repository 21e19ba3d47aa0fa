namespace LossSearch.Workflows.Activities.BuiltIn;

/// <summary>Passes its text through: a placeholder step, and the simplest way to see outputs flow by reference.</summary>
[Activity(Category = "Engine", Description = "Outputs its input text unchanged.")]
public sealed class Echo : Activity
{
    [Input(Description = "Text to pass on.")]
    public string Text { get; set; } = "";

    [Output(Description = "The input text.")]
    public string Result { get; set; } = "";

    public override Task ExecuteAsync(ActivityContext context)
    {
        Result = Text;
        context.Logger.Information("Echo {Text}", Text);
        return Task.CompletedTask;
    }
}
