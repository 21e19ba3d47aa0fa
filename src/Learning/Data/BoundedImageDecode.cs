using SkiaSharp;

namespace LossSearch.Learning.Data;

/// <summary>
/// Decodes an image file only once its header's dimensions are within <see cref="ReaderLimits.MaxImagePixels"/>:
/// a PNG or JPEG header of a few bytes can declare 100000×100000 pixels, 40 GB of RGBA, and decoding
/// allocates the whole bitmap before it reads a pixel.
/// </summary>
public static class BoundedImageDecode
{
    /// <param name="name">How messages name the file (the path, or the option and path).</param>
    public static SKBitmap Decode(string file, string name)
    {
        using var codec = SKCodec.Create(file)
            ?? throw new InvalidInputException($"{name}: not a decodable image (JPEG/PNG expected).");
        ReaderLimits.CheckImage(name, codec.Info.Width, codec.Info.Height);
        return SKBitmap.Decode(codec)
            ?? throw new InvalidInputException($"{name}: not a decodable image (JPEG/PNG expected).");
    }
}
