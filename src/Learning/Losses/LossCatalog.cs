namespace LossSearch.Learning.Losses;

/// <summary>
/// Named losses, written in the loss language, and the one entry point that turns a name or an
/// expression into a usable <see cref="LossExpression"/>.
/// </summary>
public static class LossCatalog
{
    /// <summary>Name → expression text. Label smoothing is a trainer setting applied to y, not a loss.</summary>
    public static readonly IReadOnlyDictionary<string, string> Named = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cross-entropy"] = "-(y * log(yhat))",
        // −Σ y (1−ŷ)^γ ln ŷ with γ = 2
        ["focal"] = "-(y * square(1 - yhat) * log(yhat))",
        // −Σ [ln(ŷ+ε) − y/(ŷ+ε)]
        ["baikal"] = "-(log(yhat) - y / yhat)",
        // CE + ε(1 − p_t) with ε = 1, using Σ_c y_c(1 − ŷ_c) = 1 − p_t for targets that sum to 1
        ["poly1"] = "-(y * log(yhat)) + y * (1 - yhat)",
        ["mse"] = "square(y - yhat)",
    };

    /// <summary>Where each named loss's formula comes from (a test keeps this complete).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cross-entropy"] = "categorical cross-entropy; the predecessor's baseline (final_loss_testing.py, tf.keras.losses.CategoricalCrossentropy)",
        ["focal"] = "Lin et al., Focal Loss for Dense Object Detection (ICCV 2017), γ = 2",
        ["baikal"] = "Gonzalez & Miikkulainen, GLO (2020); the predecessor's baikal_loss in final_loss_testing.py",
        ["poly1"] = "Leng et al., PolyLoss (ICLR 2022), Poly-1 with ε = 1",
        ["mse"] = "mean squared error on the softmax output, summed over classes",
    };

    /// <summary>
    /// A catalogue name or an expression in the text form, parsed and checked to be a loss (both
    /// y and yhat used, no cycle). Throws <see cref="InvalidInputException"/> naming the problem.
    /// </summary>
    public static LossExpression Resolve(string nameOrExpression)
    {
        string text = Named.TryGetValue(nameOrExpression.Trim(), out var named) ? named : nameOrExpression;
        var expression = LossParser.Parse(text);
        var problem = expression.Structure;
        if (problem != StructureProblem.None)
            throw new InvalidInputException($"loss expression {LossText.Quote(nameOrExpression)}: {LossCompiler.Describe(problem)}");
        return expression;
    }

    /// <summary>Shorthand for <c>LossCompiler.Compile(Resolve(nameOrExpression))</c>.</summary>
    public static LossFunction Compile(string nameOrExpression) => LossCompiler.Compile(Resolve(nameOrExpression));
}
