using LossSearch.Learning.Recipes;

namespace LossSearch.Host.Tests.Cli;

public class RecipesCommandTests
{
    [Fact]
    public async Task PrintsEveryRecipeNumberWithItsSource()
    {
        var json = await CliRun.Of("recipes", "--json");
        Assert.Equal(0, json.ExitCode);
        var rows = json.Json().EnumerateArray().ToList();
        Assert.Equal(RecipeTable.Rows().Count, rows.Count);
        var steps = rows.Single(r => r.GetProperty("recipe").GetString() == "EfficientNetV2-S fine-tuning" && r.GetProperty("name").GetString() == "Steps");
        Assert.Equal("10000", steps.GetProperty("value").GetString());
        Assert.Contains("EfficientNetV2", steps.GetProperty("source").GetString());

        var table = await CliRun.Of("recipes");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal(RecipeTable.Markdown(), table.Stdout);
    }
}
