using LossSearch.Learning.Data.Mat;

namespace LossSearch.Learning.Data.Formats;

/// <summary>
/// Stanford Cars as published: the devkit's <c>cars_meta.mat</c> (<c>class_names</c>, a cell of 196
/// char arrays) and <c>cars_train_annos.mat</c>, plus <c>cars_test_annos_withlabels.mat</c>; each
/// annotation file holds a struct array <c>annotations</c> with fields <c>fname</c> and <c>class</c>
/// (1-based). Images in <c>cars_train/</c> and <c>cars_test/</c>. Files are looked for in the
/// directory itself and in its <c>devkit/</c>.
/// </summary>
public static class StanfordCarsReader
{
    public static PublishedDataset Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new InvalidInputException($"{directory}: no such directory.");
        var metaPath = Locate(directory, "cars_meta.mat");
        var names = MatFileReader.Read(metaPath).Variable<MatCell>(metaPath, "class_names");
        var classes = names.Items.Select((item, i) => item is MatChar text ? text.Text.Trim()
            : throw new InvalidInputException($"{metaPath}: class_names{{{i + 1}}} is not a char array.")).ToArray();
        return new PublishedDataset("cars", directory, classes, new Dictionary<string, PublishedSplit>
        {
            ["train"] = ReadAnnotations(Locate(directory, "cars_train_annos.mat"), Path.Combine(directory, "cars_train"), classes.Length),
            ["test"] = ReadAnnotations(Locate(directory, "cars_test_annos_withlabels.mat"), Path.Combine(directory, "cars_test"), classes.Length),
        });
    }

    private static FileSplit ReadAnnotations(string path, string imageDirectory, int classes)
    {
        var annotations = MatFileReader.Read(path).Variable<MatStruct>(path, "annotations");
        int count = annotations.Elements.Count;
        var files = new string[count];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            files[i] = Path.Combine(imageDirectory, annotations.Field<MatChar>(i, "fname", path, "annotations").Text.Trim());
            var label = (long)annotations.Field<MatNumeric>(i, "class", path, "annotations").Scalar(path, $"annotations({i + 1}).class") - 1;
            if (label < 0 || label >= classes)
                throw new InvalidInputException($"{path}: annotations({i + 1}).class = {label + 1} is out of range 1..{classes}.");
            labels[i] = label;
        }
        return new FileSplit(files, labels);
    }

    private static string Locate(string directory, string name)
    {
        foreach (var candidate in new[] { Path.Combine(directory, name), Path.Combine(directory, "devkit", name), Path.Combine(directory, "car_devkit", "devkit", name) })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidInputException($"{Path.Combine(directory, name)}: missing (also looked in devkit/).");
    }
}
