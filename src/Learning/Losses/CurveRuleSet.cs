namespace LossSearch.Learning.Losses;

/// <summary>Which reading of the published curve rules <see cref="IntegrityCheck"/> applies.</summary>
public enum CurveRuleSet
{
    /// <summary>
    /// Ours (<see cref="CurveRules"/>): centre window 490–510 inclusive, more than 10 <em>successive</em>
    /// zero differences, more than one change of direction.
    /// </summary>
    Ours,
    /// <summary>
    /// The predecessor's code (<see cref="PublishedCurveRules"/>): centre window 490–509, more than 10
    /// zero differences in all, more than two sign changes counted cyclically.
    /// </summary>
    Published,
}
