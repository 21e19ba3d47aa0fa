namespace LossSearch.Learning.Losses;

/// <summary>The integrity rule that rejected a candidate (<see cref="None"/> when it passed).</summary>
public enum IntegrityRule
{
    None,
    /// <summary>Not a loss at all: a cycle, a dangling input, or y or yhat unused.</summary>
    Structure,
    /// <summary>NaN or infinity in the probe curve.</summary>
    NonFiniteValue,
    /// <summary>NaN or infinity in d loss / d yhat on the probe.</summary>
    NonFiniteGradient,
    /// <summary>NaN or infinity in the value or gradient on a random batch.</summary>
    NonFiniteOnBatch,
    /// <summary>Every successive difference of the curve is zero.</summary>
    Constant,
    /// <summary>More than 10 successive differences are zero.</summary>
    FlatRun,
    /// <summary>The curve's minimum or maximum lies at index 490–510.</summary>
    ExtremumAtCentre,
    /// <summary>The curve changes direction more than once.</summary>
    DirectionChanges,
}
