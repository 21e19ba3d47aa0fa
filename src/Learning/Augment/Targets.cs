using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

internal static class Targets
{
    public static Tensor OneHot(Tensor labels, int classes) =>
        nn.functional.one_hot(labels, classes).to(float32);

    public static Tensor ToUnit(Tensor images) => images.to(float32).div_(255);

    /// <summary>[N, H, W] boolean mask of the boxes [y1, y2) × [x1, x2), one per image.</summary>
    public static Tensor BoxMask(int[] y1, int[] y2, int[] x1, int[] x2, long height, long width, Device device)
    {
        using var scope = NewDisposeScope();
        int n = y1.Length;
        Tensor Column(int[] v) => tensor(v.Select(x => (long)x).ToArray()).view(n, 1, 1).to(device);
        var rows = arange(height, device: device).view(1, height, 1);
        var cols = arange(width, device: device).view(1, 1, width);
        var mask = (rows >= Column(y1)) & (rows < Column(y2)) & (cols >= Column(x1)) & (cols < Column(x2));
        return mask.MoveToOuterDisposeScope();
    }
}
