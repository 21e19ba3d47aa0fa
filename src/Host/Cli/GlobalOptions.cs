using System.CommandLine;

namespace LossSearch.Host.Cli;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON document on stdout and nothing else there.",
        Recursive = true,
    };

    public static readonly Option<string> Device = new("--device")
    {
        Description = "Where tensors live: auto (CUDA when available), cpu, cuda or cuda:N.",
        DefaultValueFactory = _ => "auto",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show debug logs on stderr.",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Json);
        root.Options.Add(Device);
        root.Options.Add(Verbose);
    }
}
