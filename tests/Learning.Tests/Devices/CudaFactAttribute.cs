using TorchSharp;

namespace LossSearch.Learning.Tests.Devices;

/// <summary>A fact that runs only where libtorch sees a CUDA device; elsewhere it is reported as skipped, not passed.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available()) Skip = "no CUDA device (CPU build of libtorch, or no GPU and driver)";
    }
}
