using LossSearch.Learning.Data.Mat;

namespace LossSearch.Learning.Data.Formats;

/// <summary>
/// Oxford Flowers-102 as published: <c>jpg/image_NNNNN.jpg</c>, <c>imagelabels.mat</c> (<c>labels</c>,
/// 1-based classes per image) and <c>setid.mat</c> (<c>trnid</c>, <c>valid</c>, <c>tstid</c>: 1-based
/// image ids of the train, val and test splits).
/// </summary>
public static class Flowers102Reader
{
    public static PublishedDataset Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new InvalidInputException($"{directory}: no such directory.");
        var labelsPath = Path.Combine(directory, "imagelabels.mat");
        var setPath = Path.Combine(directory, "setid.mat");
        var labels = MatFileReader.Read(labelsPath).Variable<MatNumeric>(labelsPath, "labels").Values;
        var sets = MatFileReader.Read(setPath);
        int classes = 102;
        var splits = new Dictionary<string, PublishedSplit>();
        foreach (var (split, variable) in new[] { ("train", "trnid"), ("val", "valid"), ("test", "tstid") })
        {
            var ids = sets.Variable<MatNumeric>(setPath, variable).Values;
            var files = new List<string>(ids.Length);
            var splitLabels = new long[ids.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                int id = (int)ids[i];
                if (id < 1 || id > labels.Length)
                    throw new InvalidInputException($"{setPath}: {variable}({i + 1}) = {ids[i]} is not an image id in 1..{labels.Length}.");
                long label = (long)labels[id - 1] - 1;
                if (label < 0 || label >= classes)
                    throw new InvalidInputException($"{labelsPath}: labels({id}) = {labels[id - 1]} is out of range 1..{classes}.");
                files.Add(Path.Combine(directory, "jpg", $"image_{id:D5}.jpg"));
                splitLabels[i] = label;
            }
            splits[split] = new FileSplit(files, splitLabels);
        }
        return new PublishedDataset("flowers102", directory, [.. Enumerable.Range(1, classes).Select(c => $"flower {c}")], splits);
    }
}
