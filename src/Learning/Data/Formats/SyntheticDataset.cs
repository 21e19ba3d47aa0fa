using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Data.Formats;

/// <summary>
/// Generated images in the shape of a named dataset (<c>cifar10</c>, <c>cifar100</c>, <c>mnist</c>,
/// <c>fashion-mnist</c>, or <c>CxHxW</c> with <c>classes=</c>). Each class has a template made of two
/// coloured sinusoidal gratings; a sample is its class template at a random amplitude and shift, plus
/// a random other class's template at a random weight, a colour cast and pixel noise. The distractor
/// can outweigh the true template, so a classifier's accuracy is capped well below 100%, while the
/// gratings are easy for a small CNN to pick up.
/// </summary>
public static class SyntheticDataset
{
    public static PublishedDataset Generate(DatasetSpec spec)
    {
        spec.AllowOnly("n", "test", "seed", "classes");
        var (channels, height, width, defaultClasses) = Shape(spec.Location);
        int classes = spec.Int("classes", defaultClasses, min: 2);
        int train = spec.Int("n", 2000, min: 1);
        int test = spec.Int("test", Math.Max(classes, train / 5), min: 1);
        int seed = spec.Int("seed", 0);
        var names = Enumerable.Range(0, classes).Select(c => $"class{c}").ToArray();

        using var generator = new Generator((ulong)seed);
        using var templates = Templates(classes, channels, height, width, generator);
        var splits = new Dictionary<string, PublishedSplit>
        {
            ["train"] = new DecodedSplit(Samples(templates, train, generator, names)),
            ["test"] = new DecodedSplit(Samples(templates, test, generator, names)),
        };
        return new PublishedDataset("synthetic", $"synthetic:{spec.Location}", names, splits);
    }

    private static (int C, int H, int W, int Classes) Shape(string name)
    {
        switch (name.ToLowerInvariant())
        {
            case "cifar10": return (3, 32, 32, 10);
            case "cifar100": return (3, 32, 32, 100);
            case "mnist" or "fashion-mnist": return (1, 28, 28, 10);
        }
        var parts = name.ToLowerInvariant().Split('x');
        if (parts.Length == 3 && parts.All(p => int.TryParse(p, out var v) && v > 0) && int.Parse(parts[0]) is 1 or 3)
            return (int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]), 10);
        throw new InvalidInputException($"dataset spec synthetic:{name}: unknown shape '{name}' (cifar10, cifar100, mnist, fashion-mnist, or CxHxW with C = 1 or 3).");
    }

    /// <summary>float [classes, C, H, W] in about [-1, 1].</summary>
    private static Tensor Templates(int classes, int channels, int height, int width, Generator generator)
    {
        using var scope = NewDisposeScope();
        var y = arange(height, dtype: float32).view(1, 1, height, 1) / height;
        var x = arange(width, dtype: float32).view(1, 1, 1, width) / width;
        var result = zeros(classes, channels, height, width);
        for (int grating = 0; grating < 2; grating++)
        {
            var cycles = rand(classes, generator: generator) * 3.5 + 1.5;
            var angle = rand(classes, generator: generator) * Math.PI;
            var phase = rand(classes, generator: generator) * 2 * Math.PI;
            var fx = (cycles * angle.cos()).view(classes, 1, 1, 1);
            var fy = (cycles * angle.sin()).view(classes, 1, 1, 1);
            var wave = (2 * Math.PI * (fx * x + fy * y) + phase.view(classes, 1, 1, 1)).sin();
            var colour = rand(classes, channels, 1, 1, generator: generator) * 2 - 1;
            result.add_(wave * colour * 0.5);
        }
        result.add_(rand(classes, channels, 1, 1, generator: generator) * 0.8 - 0.4); // a class tint
        return result.MoveToOuterDisposeScope();
    }

    private static ImageSet Samples(Tensor templates, int count, Generator generator, IReadOnlyList<string> names)
    {
        using var scope = NewDisposeScope();
        int classes = (int)templates.shape[0], channels = (int)templates.shape[1], height = (int)templates.shape[2], width = (int)templates.shape[3];
        var labels = randint(classes, [count], generator: generator);
        var others = (labels + randint(1, classes, [count], generator: generator)) % classes;
        var amplitude = (rand(count, generator: generator) * 0.65 + 0.35).view(count, 1, 1, 1);
        var distraction = (rand(count, generator: generator) * 0.6).view(count, 1, 1, 1);
        var images = templates.index_select(0, labels) * amplitude + templates.index_select(0, others) * distraction;
        images = Shift(images, generator);
        images += randn(count, channels, 1, 1, generator: generator) * 0.1;
        images += randn(count, channels, height, width, generator: generator) * 0.45;
        var pixels = (images * 50 + 128).round_().clamp_(0, 255).to(ScalarType.Byte);
        return new ImageSet(pixels.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), names);
    }

    /// <summary>Circularly shifts each image by up to ±3 pixels in each direction.</summary>
    private static Tensor Shift(Tensor images, Generator generator)
    {
        long n = images.shape[0], height = images.shape[2], width = images.shape[3];
        var dy = randint(-3, 4, [n], generator: generator).view(n, 1, 1, 1);
        var dx = randint(-3, 4, [n], generator: generator).view(n, 1, 1, 1);
        var rows = (arange(height).view(1, 1, height, 1) + dy + height) % height;
        var cols = (arange(width).view(1, 1, 1, width) + dx + width) % width;
        var byRow = images.gather(2, rows.expand(n, images.shape[1], height, width));
        return byRow.gather(3, cols.expand(n, images.shape[1], height, width));
    }
}
