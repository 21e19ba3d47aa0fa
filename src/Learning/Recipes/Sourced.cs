namespace LossSearch.Learning.Recipes;

/// <summary>A number of a recipe together with where it comes from.</summary>
public readonly record struct Sourced<T>(T Value, string Source)
{
    public static implicit operator T(Sourced<T> sourced) => sourced.Value;
}
