using LossSearch.Learning.Training;

namespace LossSearch.Activities.Choices;

/// <summary>The splits a training grid can pass its scores on from.</summary>
public sealed class SelectOnChoices() : CatalogChoices([TrainingGrid.ValidationSplit, TrainingGrid.TestSplit], open: false);
