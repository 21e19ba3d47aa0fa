namespace LossSearch.Learning.Data;

/// <summary>What each file format's folder must hold and where it is published, for errors about a missing dataset.</summary>
public static class DatasetSources
{
    private static readonly Dictionary<string, (string Expected, string Source)> Known = new(StringComparer.Ordinal)
    {
        ["cifar10"] = ("data_batch_1.bin … data_batch_5.bin and test_batch.bin", "the CIFAR-10 binary version, https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
        ["cifar100"] = ("train.bin and test.bin", "the CIFAR-100 binary version, https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"),
        ["fashion-mnist"] = ("train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)", "the Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist) or github.com/zalandoresearch/fashion-mnist"),
        ["mnist"] = ("train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)", "the MNIST IDX files, https://yann.lecun.com/exdb/mnist/"),
        ["flowers102"] = ("jpg/, imagelabels.mat and setid.mat", "the Oxford Flowers-102 files, https://www.robots.ox.ac.uk/~vgg/data/flowers/102/"),
        ["cars"] = ("cars_train/, cars_test/, devkit/cars_meta.mat, devkit/cars_train_annos.mat and cars_test_annos_withlabels.mat", "the Stanford Cars dataset and devkit"),
        ["caltech101"] = ("101_ObjectCategories/<class>/*.jpg", "the Caltech-101 archive, https://data.caltech.edu/records/mzrjq-6wc02"),
        ["imagefolder"] = ("one sub-folder per class (optionally under train/, val/, test/)", "your own images"),
    };

    /// <summary>Throws <see cref="InvalidInputException"/> naming the expected files and their source when a file format's folder is missing.</summary>
    public static void EnsureExists(DatasetSpec spec)
    {
        if (!Known.TryGetValue(spec.Format, out var known) || Directory.Exists(spec.Location)) return;
        throw new InvalidInputException(
            $"dataset {spec.Format}: folder '{spec.Location}' does not exist. It should hold {known.Expected}, from {known.Source}.");
    }
}
