using LossSearch.Learning.Data;

namespace LossSearch.Learning.Tests.Data;

public class DatasetSourcesTests
{
    [Theory]
    [InlineData("cifar10:/nonexistent/cifar", "data_batch_1.bin")]
    [InlineData("cifar100:/nonexistent/c100", "train.bin and test.bin")]
    [InlineData("flowers102:/nonexistent/flowers", "imagelabels.mat")]
    [InlineData("cars:/nonexistent/cars", "cars_meta.mat")]
    [InlineData("caltech101:/nonexistent/caltech", "101_ObjectCategories")]
    public void AMissingFolderSaysWhatItShouldHoldAndWhereItComesFrom(string spec, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read(spec));
        Assert.Contains(spec[(spec.IndexOf(':') + 1)..], error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains(" from ", error.Message);
    }
}
