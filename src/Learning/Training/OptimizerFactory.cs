using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

public static class OptimizerFactory
{
    public static OptimizerHelper Create(OptimizerSettings settings, IEnumerable<Parameter> parameters) => settings.Kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, settings.LearningRate, momentum: settings.Momentum,
            weight_decay: settings.WeightDecay, nesterov: settings.Nesterov && settings.Momentum > 0),
        OptimizerKind.Adam => optim.Adam(parameters, settings.LearningRate, beta1: settings.Beta1, beta2: settings.Beta2,
            eps: settings.Epsilon, weight_decay: settings.WeightDecay),
        OptimizerKind.AdamW => optim.AdamW(parameters, settings.LearningRate, beta1: settings.Beta1, beta2: settings.Beta2,
            eps: settings.Epsilon, weight_decay: settings.WeightDecay),
        OptimizerKind.RmsProp => optim.RMSProp(parameters, settings.LearningRate, alpha: settings.Alpha, eps: settings.Epsilon,
            weight_decay: settings.WeightDecay, momentum: settings.Momentum),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "unknown optimizer"),
    };

    public static void SetLearningRate(OptimizerHelper optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
