namespace LossSearch.Learning.Models;

internal static class ModelGuards
{
    public static void CheckClasses(int classes)
    {
        if (classes < 2) throw new InvalidInputException($"--classes: {classes} is fewer than 2 classes.");
    }

    public static void CheckChannels(int channels)
    {
        if (channels is not (1 or 3))
            throw new InvalidInputException($"input channels: {channels}; the models take 1 (grayscale) or 3 (RGB) channels.");
    }
}
