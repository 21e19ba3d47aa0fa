namespace LossSearch.Learning.Models;

/// <summary>A classification network whose last layer can be swapped for another class count, keeping every other weight.</summary>
public interface IHasClassifier
{
    int Classes { get; }

    /// <summary>Replaces the final linear layer by a freshly initialised one with <paramref name="classes"/> outputs, on the same device.</summary>
    void ReplaceClassifier(int classes);
}
