namespace LossSearch.Learning.Losses;

/// <summary>Which nodes an operator node may read, as published: the root reads hidden nodes only; a hidden node reads any leaf or any other hidden node.</summary>
public static class Wiring
{
    public static IReadOnlyList<int> InputChoices(LossExpression expression, int node)
    {
        var choices = new List<int>();
        for (int i = 0; i < expression.Nodes.Count; i++)
        {
            if (i == node || i == expression.Root)
                continue;
            if (node == expression.Root && expression.Nodes[i].IsLeaf)
                continue;
            choices.Add(i);
        }
        return choices;
    }
}
