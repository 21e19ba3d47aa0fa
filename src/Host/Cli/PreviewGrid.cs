using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary>Tiles float [N, C, H, W] images in [0, 1] into one uint8 planar image, 2-pixel white gutters.</summary>
internal static class PreviewGrid
{
    public sealed record Grid(byte[] Pixels, int Channels, int Height, int Width);

    public static Grid Tile(Tensor images, int gutter = 2)
    {
        using var scope = NewDisposeScope();
        int n = (int)images.shape[0], channels = (int)images.shape[1], h = (int)images.shape[2], w = (int)images.shape[3];
        int columns = (int)Math.Ceiling(Math.Sqrt(n)), rows = (n + columns - 1) / columns;
        int height = rows * (h + gutter) + gutter, width = columns * (w + gutter) + gutter;
        var canvas = full(channels, height, width, 255, dtype: ScalarType.Byte);
        var pixels = images.to(CPU).mul(255).round_().clamp_(0, 255).to(ScalarType.Byte);
        for (int i = 0; i < n; i++)
        {
            int top = gutter + i / columns * (h + gutter), left = gutter + i % columns * (w + gutter);
            canvas[TensorIndex.Colon, TensorIndex.Slice(top, top + h), TensorIndex.Slice(left, left + w)] = pixels[i];
        }
        return new Grid(canvas.data<byte>().ToArray(), channels, height, width);
    }
}
