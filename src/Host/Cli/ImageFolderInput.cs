using LossSearch.Learning;
using LossSearch.Learning.Data;
using SkiaSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary>Image files of a folder (png, jpg, jpeg, bmp, gif, webp), in ordinal name order, decoded to uint8 [C, S, S] tensors.</summary>
internal static class ImageFolderInput
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    public static IReadOnlyList<string> Files(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"--images: folder '{folder}' does not exist.");
        var files = Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) throw new InvalidInputException($"--images: folder '{folder}' holds no {string.Join("/", Extensions)} files.");
        return files;
    }

    /// <summary>Decodes one file; resamples (bilinear) only when it is not already <paramref name="size"/>×<paramref name="size"/>.</summary>
    public static Tensor Load(string path, int size, int channels)
    {
        using var decoded = BoundedImageDecode.Decode(path, $"--images: '{path}'");
        using var rgba = decoded.Copy(SKColorType.Rgba8888) ?? throw new InvalidInputException($"--images: '{path}' cannot be converted to RGBA.");
        using var sized = rgba.Width == size && rgba.Height == size
            ? rgba.Copy()
            : rgba.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888), new SKSamplingOptions(SKFilterMode.Linear));
        var pixels = sized.GetPixelSpan().ToArray();
        using var hwc = tensor(pixels, [size, size, 4]);
        using var rgb = hwc.slice(2, 0, 3, 1).permute(2, 0, 1);
        if (channels == 3) return rgb.contiguous();
        using var asFloat = rgb.to(ScalarType.Float32);
        using var gray = asFloat.mean([0], keepdim: true);
        return gray.round().to(ScalarType.Byte);
    }
}
