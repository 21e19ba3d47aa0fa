using SkiaSharp;

namespace LossSearch.Learning.Tests.Data;

/// <summary>Writes small solid-colour JPEG/PNG files whose colour encodes their class, so decoding can be checked.</summary>
internal static class ImageFixtures
{
    public static SKColor ColourOf(int label) => new((byte)(40 + 20 * label), (byte)(200 - 15 * label), (byte)(90 + 7 * label));

    public static void Write(string path, int label, int width = 40, int height = 30)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(ColourOf(label));
        using var image = SKImage.FromBitmap(bitmap);
        var format = path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
        using var data = image.Encode(format, 95);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
