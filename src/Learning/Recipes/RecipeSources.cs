namespace LossSearch.Learning.Recipes;

/// <summary>Where the numbers of <see cref="RecipeTable"/> come from; file names are the predecessor's code (OUStudent/NeuralLossFunctionEvolution).</summary>
public static class RecipeSources
{
    public const string CheapFitnessCode = "fitness_functions.py, fitness_function_resnet_standard";
    public const string FullFitnessCode = "fitness_functions.py, fitness_function_resnet_rand_aug";
    public const string SearchCode = "loss_function_evolution.py";
    public const string SearchSplit = "fitness_functions.py (train 0–44,999, validation 45,000–49,999)";
    public const string WrnPaper = "Zagoruyko & Komodakis 2016 (Wide Residual Networks), CIFAR recipe";
    public const string WrnDropout = "Zagoruyko & Komodakis 2016: WRN-28-10 without dropout (4.00 % / 19.25 % CIFAR-10/100 error)";
    public const string EfficientNet = "Tan & Le 2021 (EfficientNetV2), fine-tuning recipe";
    public const string EfficientNetImageSize = "Tan & Le 2021 (EfficientNetV2), EfficientNetV2-S evaluation size";
    public const string EfficientNetOptimizer = "Tan & Le 2021 (EfficientNetV2), RMSprop as in EfficientNet's training";
    public const string Ours = "ours";
}
