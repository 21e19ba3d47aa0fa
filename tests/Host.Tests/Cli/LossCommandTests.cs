namespace LossSearch.Host.Tests.Cli;

public class LossCommandTests
{
    [Fact]
    public async Task EvalJsonGivesTheValueAndGradientOfCrossEntropy()
    {
        var run = await CliRun.Of("loss", "eval", "cross-entropy", "--y", "[[0,1],[1,0]]", "--yhat", "[[0.3,0.7],[0.6,0.4]]", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        double expected = (-Math.Log(0.7 + 1e-7) - Math.Log(0.6 + 1e-7)) / 2;
        Assert.Equal(expected, json.GetProperty("value").GetDouble(), 12);
        var grad = json.GetProperty("grad");
        Assert.Equal(-1 / (0.7 + 1e-7) / 2, grad[0][1].GetDouble(), 12);
        Assert.Equal(-1 / (0.6 + 1e-7) / 2, grad[1][0].GetDouble(), 12);
        Assert.Equal(0, grad[0][0].GetDouble());
        Assert.Equal(0, grad[1][1].GetDouble());
    }

    [Fact]
    public async Task EvalPrintsTheValueAlone()
    {
        var run = await CliRun.Of("loss", "eval", "square(y - yhat)", "--y", "[[0,1]]", "--yhat", "[[0.25,0.75]]");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0.125, double.Parse(run.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Theory]
    [InlineData("[[0,1]]", "[[0.5,0.25,0.25]]", "same shape")]
    [InlineData("[[0,1],[1]]", "[[0.5,0.5],[0.5,0.5]]", "row 2")]
    [InlineData("not json", "[[0.5,0.5]]", "--y")]
    [InlineData("[]", "[[0.5,0.5]]", "--y")]
    public async Task EvalRejectsBadMatrices(string y, string yhat, string fragment)
    {
        var run = await CliRun.Of("loss", "eval", "cross-entropy", "--y", y, "--yhat", yhat, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(fragment, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("log(yhat", "position 9")]
    [InlineData("foo(y, yhat)", "unknown function 'foo'")]
    [InlineData("log(y, yhat)", "'log' with 1 argument")]
    [InlineData("", "position 1")]
    [InlineData("log(yhat) * 2", "never uses y")]
    public async Task BadExpressionsAreBadInputWithThePosition(string expression, string fragment)
    {
        foreach (var command in new[] { "check", "render" })
        {
            var run = await CliRun.Of("loss", command, expression, "--json");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(fragment, run.Stderr);
            Assert.Equal("", run.Stdout);
        }
    }

    [Fact]
    public async Task CheckReportsValidityFlipAndCanonicalText()
    {
        var ce = (await CliRun.Of("loss", "check", "-(y*log(yhat))", "--json")).Json();
        Assert.True(ce.GetProperty("valid").GetBoolean());
        Assert.False(ce.GetProperty("flipped").GetBoolean());
        Assert.Equal("", ce.GetProperty("reason").GetString());
        Assert.Equal("-(y * log(yhat))", ce.GetProperty("canonical").GetString());

        var negated = (await CliRun.Of("loss", "check", "y * log(yhat)", "--json")).Json();
        Assert.True(negated.GetProperty("flipped").GetBoolean());
        Assert.Equal("flip: y * log(yhat)", negated.GetProperty("canonical").GetString());

        var rejected = await CliRun.Of("loss", "check", "sqrt(y * yhat)", "--json");
        Assert.Equal(0, rejected.ExitCode);
        Assert.False(rejected.Json().GetProperty("valid").GetBoolean());
        Assert.Equal("NonFiniteGradient", rejected.Json().GetProperty("rule").GetString());
        Assert.NotEqual("", rejected.Json().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RenderPrintsCanonicalTextAndLatex()
    {
        var run = await CliRun.Of("loss", "render", "focal");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("-(y * square(1 - yhat) * log(yhat))", lines[0]);
        Assert.Contains("\\left(1 - \\hat{y}\\right)^{2}", lines[1]);
    }

    [Fact]
    public async Task RandomPrintsDistinctValidLossesDeterministically()
    {
        var first = await CliRun.Of("loss", "random", "--seed", "4", "--count", "5", "--json");
        var second = await CliRun.Of("loss", "random", "--seed", "4", "--count", "5", "--json");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        var losses = first.Json().GetProperty("losses").EnumerateArray().ToList();
        Assert.Equal(5, losses.Count);
        Assert.Equal(5, losses.Select(l => l.GetProperty("phenotypeHash").GetString()).Distinct().Count());
        foreach (var loss in losses)
        {
            var check = (await CliRun.Of("loss", "check", loss.GetProperty("expression").GetString()!, "--json")).Json();
            Assert.True(check.GetProperty("valid").GetBoolean());
            Assert.False(check.GetProperty("flipped").GetBoolean());
        }
        var human = await CliRun.Of("loss", "random", "--seed", "4", "--count", "5");
        Assert.Equal(losses.Select(l => l.GetProperty("expression").GetString()), human.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task RandomRejectsABadCount()
    {
        var run = await CliRun.Of("loss", "random", "--count", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--count", run.Stderr);
    }
}
