using static TorchSharp.torch;

namespace LossSearch.Learning.Data;

/// <summary>
/// A split held in memory: <see cref="Images"/> is uint8 [N, C, H, W], <see cref="Labels"/> int64 [N]
/// with values in [0, Classes.Count). Owns its tensors.
/// </summary>
public sealed class ImageSet : IDisposable
{
    public ImageSet(Tensor images, Tensor labels, IReadOnlyList<string> classes)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
            throw new ArgumentException($"images must be uint8 [N, C, H, W], got {images.dtype} [{string.Join(", ", images.shape)}]");
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must be int64 [{images.shape[0]}], got {labels.dtype} [{string.Join(", ", labels.shape)}]");
        Images = images;
        Labels = labels;
        Classes = classes;
    }

    public Tensor Images { get; }
    public Tensor Labels { get; }
    public IReadOnlyList<string> Classes { get; }
    public long Count => Images.shape[0];
    public int Channels => (int)Images.shape[1];
    public int Height => (int)Images.shape[2];
    public int Width => (int)Images.shape[3];

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
