namespace LossSearch.Learning.Data.Formats;

/// <summary>
/// Class-per-sub-folder image trees. <c>imagefolder:DIR</c> reads <c>DIR/train|val|test/&lt;class&gt;/*</c>
/// when those split folders exist, else <c>DIR/&lt;class&gt;/*</c> as one <c>train</c> split. Classes are
/// the sorted folder names of the first split; files are in name order.
/// Caltech-101 (<c>101_ObjectCategories/&lt;class&gt;/*.jpg</c>, without <c>BACKGROUND_Google</c>) is split
/// per class by a seeded shuffle: the first <c>trainPerClass</c> images train, the rest test.
/// </summary>
public static class ImageFolderReader
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];
    private static readonly string[] SplitNames = ["train", "val", "test"];

    public static PublishedDataset Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new InvalidInputException($"{directory}: no such directory.");
        var present = SplitNames.Where(s => Directory.Exists(Path.Combine(directory, s))).ToArray();
        var roots = present.Length > 0 ? present.ToDictionary(s => s, s => Path.Combine(directory, s)) : new() { ["train"] = directory };
        var classes = ClassFolders(roots.Values.First());
        var splits = roots.ToDictionary(r => r.Key, r => (PublishedSplit)ListFiles(r.Value, classes));
        return new PublishedDataset("imagefolder", directory, classes, splits);
    }

    public static PublishedDataset ReadCaltech101(string directory, int trainPerClass, int seed)
    {
        if (!Directory.Exists(directory)) throw new InvalidInputException($"{directory}: no such directory.");
        var root = Directory.Exists(Path.Combine(directory, "101_ObjectCategories")) ? Path.Combine(directory, "101_ObjectCategories") : directory;
        var classes = ClassFolders(root).Where(c => c != "BACKGROUND_Google").ToArray();
        var random = new Random(seed);
        List<string> trainFiles = [], testFiles = [];
        List<long> trainLabels = [], testLabels = [];
        for (int c = 0; c < classes.Length; c++)
        {
            var files = Images(Path.Combine(root, classes[c]));
            random.Shuffle(files);
            int train = Math.Min(trainPerClass, files.Length);
            trainFiles.AddRange(files[..train]);
            trainLabels.AddRange(Enumerable.Repeat((long)c, train));
            testFiles.AddRange(files[train..]);
            testLabels.AddRange(Enumerable.Repeat((long)c, files.Length - train));
        }
        return new PublishedDataset("caltech101", directory, classes, new Dictionary<string, PublishedSplit>
        {
            ["train"] = new FileSplit(trainFiles, [.. trainLabels]),
            ["test"] = new FileSplit(testFiles, [.. testLabels]),
        });
    }

    private static string[] ClassFolders(string root)
    {
        var classes = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        return classes.Length > 0 ? classes : throw new InvalidInputException($"{root}: no class sub-folders.");
    }

    private static FileSplit ListFiles(string root, IReadOnlyList<string> classes)
    {
        var unknown = Directory.GetDirectories(root).Select(Path.GetFileName).Where(n => !classes.Contains(n!)).ToArray();
        if (unknown.Length > 0)
            throw new InvalidInputException($"{root}: class folder '{unknown[0]}' is not among the classes of the first split ({string.Join(", ", classes.Take(5))}…).");
        List<string> files = [];
        List<long> labels = [];
        for (int c = 0; c < classes.Count; c++)
        {
            var folder = Path.Combine(root, classes[c]);
            if (!Directory.Exists(folder)) continue;
            var images = Images(folder);
            files.AddRange(images);
            labels.AddRange(Enumerable.Repeat((long)c, images.Length));
        }
        return new FileSplit(files, [.. labels]);
    }

    private static string[] Images(string folder) =>
        [.. Directory.GetFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)];
}
