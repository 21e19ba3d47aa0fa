using LossSearch.Activities.Choices;
using LossSearch.Learning.Reports;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities;

/// <summary>Writes the funnel's Markdown/CSV tables and PNG plots into the instance's artifacts.</summary>
[Activity(Category = "Funnel", DisplayName = "Report",
    Description = "Markdown and CSV tables (accuracy per loss × augmentation per dataset, best in bold, difference to the baseline with a paired t-test over seeds), evolution curves, heatmaps, training curves, every loss in text and LaTeX.")]
public sealed class Report : Activity
{
    [Input(Description = "Evolve's 'searches'.")] public List<Evolve.SearchResult> Searches { get; set; } = [];
    [Input(Description = "Train WRN's 'results'.")] public List<GridUnitResult> Wrn { get; set; } = [];
    [Input(Description = "Fine-tune EfficientNet's 'results'.")] public List<GridUnitResult> EfficientNet { get; set; } = [];
    [Input(Description = "The baseline loss the tables compare with.", Choices = typeof(LossChoices))] public string Baseline { get; set; } = "cross-entropy";

    [Output(Description = "Path of report.md.")] public string ReportPath { get; set; } = "";
    [Output(Description = "Files of the report, relative to its folder.")] public List<string> Files { get; set; } = [];

    public override Task ExecuteAsync(ActivityContext context)
    {
        var searches = Searches.Select(s => new SearchSummary(s.Augmentation, s.Seed, s.Top, s.Evaluated, s.Rejected, s.Plot) { ReferenceFitness = s.ReferenceFitness, Protocol = s.Protocol }).ToList();
        var stages = new List<StageResults>
        {
            new("WideResNet", "wrn", Wrn),
            new("EfficientNetV2-S fine-tuning", "efficientnet", EfficientNet),
        };
        Files = FunnelReport.Write(context.CheckpointDirectory, searches, stages, Baseline).ToList();
        ReportPath = Path.Combine(context.CheckpointDirectory, "report.md");
        context.Logger.Information("Report written to {Report}", ReportPath);
        return Task.CompletedTask;
    }
}
