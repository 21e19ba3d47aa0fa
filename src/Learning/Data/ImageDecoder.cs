using SkiaSharp;
using LossSearch.Learning.IO;

namespace LossSearch.Learning.Data;

/// <summary>
/// Decodes JPEG/PNG files with SkiaSharp and resizes them: the shorter side to <c>size</c>, then a
/// centred size×size crop (the usual evaluation transform, so every image keeps its aspect ratio).
/// </summary>
public static class ImageDecoder
{
    /// <summary>Channel-planar uint8 pixels [channels, size, size]; channels is 3 (RGB) or 1 (luma).</summary>
    public static byte[] DecodeResized(string file, int size, int channels = 3)
    {
        using var decoded = BoundedImageDecode.Decode(file, file);
        double scale = (double)size / Math.Min(decoded.Width, decoded.Height);
        int width = Math.Max(size, (int)Math.Round(decoded.Width * scale)), height = Math.Max(size, (int)Math.Round(decoded.Height * scale));
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var target = new SKBitmap(info);
        using (var canvas = new SKCanvas(target))
        using (var source = SKImage.FromBitmap(decoded))
        using (var paint = new SKPaint { IsAntialias = true })
        {
            canvas.Clear(SKColors.Black);
            float left = (size - width) / 2f, top = (size - height) / 2f;
            canvas.DrawImage(source, new SKRect(left, top, left + width, top + height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        }
        return ToPlanes(target.Bytes, size * size, channels);
    }

    /// <summary>RGBA interleaved → planar RGB, or → luma (ITU-R 601 weights) for one channel.</summary>
    internal static byte[] ToPlanes(byte[] rgba, int pixels, int channels)
    {
        var planes = new byte[channels * pixels];
        for (int p = 0; p < pixels; p++)
        {
            byte r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2];
            if (channels == 1)
                planes[p] = (byte)Math.Clamp((int)Math.Round(0.299 * r + 0.587 * g + 0.114 * b), 0, 255);
            else
            {
                planes[p] = r;
                planes[pixels + p] = g;
                planes[2 * pixels + p] = b;
            }
        }
        return planes;
    }

    /// <summary>Writes uint8 planar [C, H, W] pixels (C = 1 or 3) as a PNG.</summary>
    public static void WritePng(string file, byte[] planes, int channels, int height, int width)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var rgba = new byte[4 * width * height];
        int pixels = width * height;
        for (int p = 0; p < pixels; p++)
        {
            rgba[4 * p] = planes[p];
            rgba[4 * p + 1] = planes[(channels == 3 ? pixels : 0) + p];
            rgba[4 * p + 2] = planes[(channels == 3 ? 2 * pixels : 0) + p];
            rgba[4 * p + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(file, stream => data.SaveTo(stream));
    }
}
