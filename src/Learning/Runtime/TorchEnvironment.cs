using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace LossSearch.Learning.Runtime;

public sealed record CudaDeviceInfo(int Index, string Name, long? MemoryBytes);

/// <summary>What this process runs on: .NET, TorchSharp and libtorch versions, CPU threads, CUDA devices.</summary>
public sealed record TorchEnvironment(
    string DotNet,
    string Os,
    string TorchSharp,
    string Libtorch,
    string Backend,
    int CpuThreads,
    int LogicalProcessors,
    bool Cuda,
    IReadOnlyList<CudaDeviceInfo> CudaDevices)
{
    /// <summary>Reads the environment; loads libtorch if it is not loaded yet.</summary>
    public static TorchEnvironment Describe()
    {
        bool cuda = torch.cuda.is_available();
        int count = cuda ? torch.cuda.device_count() : 0;
        return new TorchEnvironment(
            DotNet: RuntimeInformation.FrameworkDescription,
            Os: RuntimeInformation.OSDescription,
            TorchSharp: InformationalVersion(typeof(torch).Assembly),
            Libtorch: torch.__version__,
            Backend: cuda ? "cuda" : "cpu",
            CpuThreads: torch.get_num_threads(),
            LogicalProcessors: Environment.ProcessorCount,
            Cuda: cuda,
            CudaDevices: cuda ? NvidiaSmi.Query(count) : []);
    }

    private static string InformationalVersion(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString() ?? "unknown";
        int plus = version.IndexOf('+');
        return plus > 0 ? version[..plus] : version;
    }

    /// <summary>TorchSharp exposes no device names or memory; nvidia-smi does, when installed.</summary>
    private static class NvidiaSmi
    {
        public static IReadOnlyList<CudaDeviceInfo> Query(int count)
        {
            var byIndex = new Dictionary<int, CudaDeviceInfo>();
            try
            {
                var start = new ProcessStartInfo("nvidia-smi", "--query-gpu=index,name,memory.total --format=csv,noheader,nounits")
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                using var process = Process.Start(start)!;
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit(5000);
                foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = line.Split(',', StringSplitOptions.TrimEntries);
                    if (parts.Length == 3 && int.TryParse(parts[0], out int index))
                        byIndex[index] = new CudaDeviceInfo(index, parts[1],
                            long.TryParse(parts[2], out long mib) ? mib * 1024 * 1024 : null);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // nvidia-smi not installed: devices are listed without names.
            }
            return Enumerable.Range(0, count)
                .Select(i => byIndex.TryGetValue(i, out var d) ? d : new CudaDeviceInfo(i, "unknown", null))
                .ToList();
        }
    }
}
