namespace LossSearch.Workflows.Activities;

/// <summary>How far an activity is: a fraction in [0, 1] and a short human message.</summary>
public readonly record struct ActivityProgress(double Fraction, string? Message = null);
