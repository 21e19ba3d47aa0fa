using System.Globalization;
using System.Text.Json;
using LossSearch.Learning;

namespace LossSearch.Host.Bench;

/// <summary>
/// The PyTorch side of <c>bench compare</c>: <c>pytorch_steps.py</c> (copied next to the executable) run
/// by a Python that imports <c>torch</c> (Debian's <c>python3-torch</c>), one process per measurement.
/// </summary>
public sealed class PyTorchSide
{
    public const string ScriptName = "pytorch_steps.py";

    private readonly string _python;
    private readonly string _script;

    private PyTorchSide(string python, string script, string torchVersion)
    {
        _python = python;
        _script = script;
        TorchVersion = torchVersion;
    }

    public string TorchVersion { get; }

    public static string DefaultScript => Path.Combine(AppContext.BaseDirectory, "Bench", ScriptName);

    /// <summary>Checks that <paramref name="python"/> runs and imports torch; otherwise says what to install.</summary>
    public static PyTorchSide Open(string python, string script)
    {
        if (!File.Exists(script)) throw new InvalidInputException($"PyTorch side: the script {script} is missing from the build output.");
        var (exitCode, output, error) = Run(python, ["-c", "import torch; print(torch.__version__)"], TimeSpan.FromMinutes(2));
        if (exitCode != 0)
            throw new InvalidInputException(
                $"--python: '{python} -c \"import torch\"' failed ({(error.Trim().Length > 0 ? error.Trim().Split('\n')[^1] : $"exit {exitCode}")}); " +
                "install Debian's PyTorch with 'sudo apt-get install python3-torch', or pass --python with an interpreter that has torch.");
        return new PyTorchSide(python, script, output.Trim());
    }

    /// <summary>Mean wall and process CPU seconds per step of <paramref name="steps"/> steps after <paramref name="warmup"/>, in a fresh process.</summary>
    public StepTime MeanStepSeconds(CompareNetwork network, int steps, int warmup, int threads)
    {
        string[] arguments =
        [
            _script, "--model", network.Model, "--batch", Invariant(network.Batch), "--optimizer", network.PythonOptimizer,
            "--lr", Invariant(network.Optimizer.LearningRate), "--size", Invariant(network.ImageSize),
            "--steps", Invariant(steps), "--warmup", Invariant(warmup), "--threads", Invariant(threads),
        ];
        var (exitCode, output, error) = Run(_python, arguments, TimeSpan.FromHours(1));
        if (exitCode != 0) throw new InvalidOperationException($"{ScriptName} exited with {exitCode}: {error.Trim()}");
        using var document = JsonDocument.Parse(output);
        int reportedThreads = document.RootElement.GetProperty("threads").GetInt32();
        if (reportedThreads != threads) throw new InvalidOperationException($"{ScriptName} ran on {reportedThreads} threads, not the {threads} asked for");
        return new StepTime(document.RootElement.GetProperty("meanStepSeconds").GetDouble(), document.RootElement.GetProperty("meanStepCpuSeconds").GetDouble());
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> arguments, TimeSpan limit) =>
        ChildProcess.Run(file, arguments, limit, missingHint: "; install python3 and python3-torch ('sudo apt-get install python3-torch'), or pass --python");
}
