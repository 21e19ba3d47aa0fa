namespace LossSearch.Learning.Losses;

/// <summary>Turns a loss DAG into a TorchSharp function with autograd.</summary>
public static class LossCompiler
{
    /// <summary>The reduced loss as the trainer's <see cref="LossFunction"/>.</summary>
    public static LossFunction Compile(LossExpression expression) => Prepare(expression).Reduced;

    /// <summary>The compiled loss with both the reduced and the per-sample forms.</summary>
    public static CompiledLoss Prepare(LossExpression expression)
    {
        var problem = expression.TryEvaluationOrder(out var order);
        if (problem != StructureProblem.None)
            throw new InvalidInputException($"loss expression '{expression}': {Describe(problem)}");
        return new CompiledLoss(expression, order);
    }

    public static string Describe(StructureProblem problem) => problem switch
    {
        StructureProblem.DanglingInput => "a node reads an input that does not exist",
        StructureProblem.Cycle => "the active nodes form a cycle",
        StructureProblem.IgnoresTarget => "the loss never uses y",
        StructureProblem.IgnoresPrediction => "the loss never uses yhat",
        _ => "no problem",
    };
}
