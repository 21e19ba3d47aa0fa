using System.CommandLine;
using LossSearch.Learning.Runtime;
using Spectre.Console;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch info</c>: versions and devices.</summary>
public static class InfoCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("info", "Versions of .NET, TorchSharp and libtorch (and where libtorch was loaded from); CPU threads; CUDA devices; glibc malloc thresholds.");
        runner.Bind(command, (context, _) =>
        {
            var location = LibtorchLocation.EnsureLoaded();
            var environment = TorchEnvironment.Describe();
            var selected = DeviceSelection.Resolve(context.DeviceSpec);
            var malloc = MallocThresholds.EnsureApplied();
            if (context.Json)
            {
                context.WriteJson(new
                {
                    dotnet = environment.DotNet,
                    os = environment.Os,
                    torchSharp = environment.TorchSharp,
                    libtorch = environment.Libtorch,
                    libtorchLocation = location,
                    backend = environment.Backend,
                    cpuThreads = environment.CpuThreads,
                    logicalProcessors = environment.LogicalProcessors,
                    cuda = environment.Cuda,
                    cudaDevices = environment.CudaDevices,
                    selectedDevice = selected.ToString(),
                    malloc,
                });
                return Task.FromResult(ExitCodes.Success);
            }
            var table = new Table().AddColumns("", "");
            table.HideHeaders();
            table.AddRow(".NET", Markup.Escape(environment.DotNet));
            table.AddRow("OS", Markup.Escape(environment.Os));
            table.AddRow("TorchSharp", environment.TorchSharp);
            table.AddRow("libtorch", Markup.Escape($"{environment.Libtorch} ({environment.Backend}), {location.Source}: {location.Directory ?? "next to the program"}"));
            table.AddRow("CPU threads", $"{environment.CpuThreads} of {environment.LogicalProcessors} logical processors");
            table.AddRow("CUDA", environment.Cuda
                ? string.Join("\n", environment.CudaDevices.Select(d =>
                    $"cuda:{d.Index} {Markup.Escape(d.Name)}{(d.MemoryBytes is long m ? $" {m / (1L << 30)} GiB" : "")}"))
                : "none");
            table.AddRow("Selected device", selected.ToString());
            table.AddRow("glibc malloc", Markup.Escape(malloc.MmapThresholdBytes is long mmap && malloc.TrimThresholdBytes is long trim
                ? $"{malloc.Source}: mmap threshold {mmap >> 20} MiB, trim threshold {trim >> 20} MiB"
                : malloc.Source));
            context.Terminal.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
