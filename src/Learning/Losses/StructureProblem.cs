namespace LossSearch.Learning.Losses;

/// <summary>Why a DAG cannot be a loss at all, before any evaluation.</summary>
public enum StructureProblem
{
    None,
    /// <summary>An input index points outside the node list, or an operator has the wrong number of inputs.</summary>
    DanglingInput,
    /// <summary>The part reachable from the root contains a cycle.</summary>
    Cycle,
    /// <summary>The root does not depend on <c>y</c>.</summary>
    IgnoresTarget,
    /// <summary>The root does not depend on <c>yhat</c>.</summary>
    IgnoresPrediction,
}
