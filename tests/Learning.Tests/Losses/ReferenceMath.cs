namespace LossSearch.Learning.Tests.Losses;

/// <summary>Plain float64 formulas, written independently of TorchSharp, for the operators' values.</summary>
internal static class ReferenceMath
{
    public const double Eps = 1e-7;

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Maclaurin series; accurate to ~1e-12 for |x| ≤ 3.</summary>
    public static double Erf(double x)
    {
        double sum = 0, term = x;
        for (int n = 0; n < 80; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>Σ (x/2)^(2k+ν) / (k! (k+ν)!), ν = 0 or 1.</summary>
    public static double BesselI(int order, double x)
    {
        double half = x / 2, sum = 0;
        double term = order == 0 ? 1 : half;
        for (int k = 0; k < 60; k++)
        {
            sum += term;
            term *= half * half / ((k + 1) * (k + 1 + order));
        }
        return sum;
    }

    public static readonly Dictionary<string, Func<double, double>> Unary = new()
    {
        ["neg"] = x => -x,
        ["log"] = x => Math.Log(Math.Abs(x) + Eps),
        ["log10"] = x => Math.Log10(Math.Abs(x) + Eps),
        ["exp"] = Math.Exp,
        ["abs"] = Math.Abs,
        ["sigmoid"] = Sigmoid,
        ["inv1pabs"] = x => 1 / (1 + Math.Abs(x)),
        ["softplus"] = x => Math.Log(Math.Abs(1 + Math.Exp(x)) + Eps),
        ["erf"] = Erf,
        ["erfc"] = x => 1 - Erf(x),
        ["sin"] = Math.Sin,
        ["sinh"] = Math.Sinh,
        ["asinh"] = Math.Asinh,
        ["tanh"] = Math.Tanh,
        ["atan"] = Math.Atan,
        ["recip"] = x => 1 / (x + Eps),
        ["bessel_i0"] = x => BesselI(0, x),
        ["bessel_i0e"] = x => Math.Exp(-Math.Abs(x)) * BesselI(0, x),
        ["bessel_i1"] = x => BesselI(1, x),
        ["bessel_i1e"] = x => Math.Exp(-Math.Abs(x)) * BesselI(1, x),
        ["relu"] = x => Math.Max(x, 0),
        ["negrelu"] = x => Math.Min(x, 0),
        ["square"] = x => x * x,
        ["sqrt"] = x => Math.Sqrt(Math.Abs(x)),
        ["softsign"] = x => x / (1 + Math.Abs(x)),
        ["dtanh"] = x => 1 - Math.Tanh(x) * Math.Tanh(x),
        ["dsigmoid"] = x => Sigmoid(x) * (1 - Sigmoid(x)),
    };

    public static readonly Dictionary<string, Func<double, double, double>> Binary = new()
    {
        ["add"] = (a, b) => a + b,
        ["sub"] = (a, b) => a - b,
        ["mul"] = (a, b) => a * b,
        ["max"] = Math.Max,
        ["min"] = Math.Min,
        ["div"] = (a, b) => a / (b + Eps),
        ["aq"] = (a, b) => a / Math.Sqrt(1 + b * b),
    };
}
