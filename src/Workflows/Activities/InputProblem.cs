namespace LossSearch.Workflows.Activities;

/// <summary>A value an activity's <see cref="Activity.Validate"/> hook refuses: the input's name and why.</summary>
public sealed record InputProblem(string Input, string Message);
