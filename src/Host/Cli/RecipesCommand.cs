using System.CommandLine;
using LossSearch.Learning.Recipes;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch recipes</c>: every named recipe, each number with its source, as the README's table.</summary>
public static class RecipesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("recipes", "Every recipe of the funnel (cheap and full fitness, search, WRN-28-10, EfficientNetV2-S fine-tuning), each number with its source.");
        runner.Bind(command, (context, _) =>
        {
            if (context.Json) context.WriteJson(RecipeTable.Rows());
            else context.Output.Write(RecipeTable.Markdown());
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
