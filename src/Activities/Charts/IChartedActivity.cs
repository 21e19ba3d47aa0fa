namespace LossSearch.Activities.Charts;

/// <summary>An activity whose progress points, kept in its checkpoint folder, the dashboard can draw.</summary>
public interface IChartedActivity
{
    /// <summary>The chart as of now, read from <paramref name="checkpointDirectory"/> (<c>artifacts/&lt;instance&gt;/&lt;activity&gt;/</c>).</summary>
    ActivityChart ReadChart(string checkpointDirectory);
}
