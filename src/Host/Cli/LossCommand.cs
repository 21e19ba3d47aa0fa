using System.CommandLine;
using System.Text.Json;
using LossSearch.Learning;
using LossSearch.Learning.Losses;
using Spectre.Console;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch loss eval|check|render|random</c>: the loss language from the command line.</summary>
public static class LossCommand
{
    private static Argument<string> ExpressionArgument() => new("EXPR")
    {
        Description = "A loss expression such as '-(y * log(yhat))', or a name: " + string.Join(", ", LossCatalog.Named.Keys) + ".",
    };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("loss", "Evaluate, check, render and draw loss expressions.");
        command.Subcommands.Add(Eval(runner));
        command.Subcommands.Add(Check(runner));
        command.Subcommands.Add(Render(runner));
        command.Subcommands.Add(Random(runner));
        return command;
    }

    private static Command Eval(CommandRunner runner)
    {
        var expression = ExpressionArgument();
        var y = new Option<string>("--y") { Description = "Targets as a JSON array of rows, e.g. [[0,1],[1,0]].", Required = true };
        var yhat = new Option<string>("--yhat") { Description = "Softmax outputs as a JSON array of rows, same shape as --y.", Required = true };
        var command = new Command("eval", "The reduced loss in float64; with --json also d loss / d yhat.") { expression, y, yhat };
        runner.Bind(command, (context, _) =>
        {
            var loss = LossCompiler.Prepare(LossCatalog.Resolve(context.Value(expression)));
            var targets = ReadRows(context.Value(y), "--y");
            var predictions = ReadRows(context.Value(yhat), "--yhat");
            if (targets.GetLength(0) != predictions.GetLength(0) || targets.GetLength(1) != predictions.GetLength(1))
                throw new InvalidInputException(
                    $"--y is {targets.GetLength(0)}×{targets.GetLength(1)} but --yhat is {predictions.GetLength(0)}×{predictions.GetLength(1)}; they must have the same shape");

            using var scope = NewDisposeScope();
            var yTensor = tensor(targets, dtype: ScalarType.Float64);
            var yhatTensor = tensor(predictions, dtype: ScalarType.Float64).requires_grad_(true);
            var value = loss.Reduced(yTensor, yhatTensor);
            value.backward();
            double result = value.item<double>();
            if (!context.Json)
            {
                context.Output.WriteLine(LossPrinter.FormatNumber(result));
                return Task.FromResult(ExitCodes.Success);
            }
            var grad = yhatTensor.grad!;
            int rows = (int)grad.shape[0], columns = (int)grad.shape[1];
            var flat = grad.data<double>().ToArray();
            var gradRows = Enumerable.Range(0, rows).Select(r => flat.AsSpan(r * columns, columns).ToArray()).ToArray();
            context.WriteJson(new { value = result, grad = gradRows });
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Check(CommandRunner runner)
    {
        var expression = ExpressionArgument();
        var command = new Command("check", "Run the integrity check: valid or the rule that rejects it, and whether it was flipped.") { expression };
        runner.Bind(command, (context, _) =>
        {
            var verdict = IntegrityCheck.Check(LossCatalog.Resolve(context.Value(expression)));
            string canonical = verdict.Expression.ToString();
            if (context.Json)
                context.WriteJson(new { valid = verdict.Valid, flipped = verdict.Flipped, reason = verdict.Reason, canonical, rule = verdict.Rule.ToString() });
            else if (verdict.Valid)
                context.Output.WriteLine($"valid{(verdict.Flipped ? " (flipped)" : "")}: {canonical}");
            else
                context.Output.WriteLine($"rejected by {verdict.Rule}: {verdict.Reason}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Render(CommandRunner runner)
    {
        var expression = ExpressionArgument();
        var command = new Command("render", "Print the canonical text and the LaTeX of a loss.") { expression };
        runner.Bind(command, (context, _) =>
        {
            var loss = LossCatalog.Resolve(context.Value(expression));
            string canonical = loss.ToString(), latex = LossLatex.Render(loss);
            if (context.Json)
                context.WriteJson(new { canonical, latex });
            else
            {
                context.Output.WriteLine(canonical);
                context.Output.WriteLine(latex);
            }
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Random(CommandRunner runner)
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generator.", DefaultValueFactory = _ => 0 };
        var count = new Option<int>("--count") { Description = "How many distinct valid losses to print.", DefaultValueFactory = _ => 10 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden nodes per genome (the published 4 makes 9 nodes with leaves and root).", DefaultValueFactory = _ => 4 };
        var command = new Command("random", "Draw random losses that pass the integrity check and duplicate detection.") { seed, count, hidden };
        runner.Bind(command, (context, cancellation) =>
        {
            int wanted = context.Value(count), hiddenNodes = context.Value(hidden);
            if (wanted is < 1 or > 100_000)
                throw new InvalidInputException($"--count: {wanted} is not between 1 and 100000");
            if (hiddenNodes is < 1 or > 64)
                throw new InvalidInputException($"--hidden: {hiddenNodes} is not between 1 and 64");
            var drawn = RandomLosses.Draw(new GenomeShape(hiddenNodes), new CheckpointableRandom(context.Value(seed)), wanted, cancellation);
            if (drawn.Losses.Count < wanted)
                context.Error.WriteLine($"warning: only {drawn.Losses.Count} distinct valid losses found in {drawn.Drawn} draws");
            if (context.Json)
                context.WriteJson(new
                {
                    losses = drawn.Losses.Select(v => new { expression = v.Expression.ToString(), flipped = v.Flipped, phenotypeHash = v.Phenotype!.Hash }),
                    drawn = drawn.Drawn,
                });
            else
                foreach (var verdict in drawn.Losses)
                    context.Output.WriteLine(verdict.Expression.ToString());
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static double[,] ReadRows(string json, string option)
    {
        double[][]? rows;
        try
        {
            rows = JsonSerializer.Deserialize<double[][]>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{option}: not a JSON array of rows of numbers ({e.Message})");
        }
        if (rows is null || rows.Length == 0 || rows[0] is null || rows[0].Length == 0)
            throw new InvalidInputException($"{option}: expected a non-empty JSON array of non-empty rows, e.g. [[0,1]]");
        var matrix = new double[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r] is null || rows[r].Length != rows[0].Length)
                throw new InvalidInputException($"{option}: row {r + 1} has {rows[r]?.Length ?? 0} values, row 1 has {rows[0].Length}");
            for (int c = 0; c < rows[r].Length; c++)
                matrix[r, c] = rows[r][c];
        }
        return matrix;
    }
}
