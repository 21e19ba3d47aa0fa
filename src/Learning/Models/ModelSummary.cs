using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>Size of a network: trainable parameters, weight layers, and FLOPs (2 × multiply-adds) of one forward pass.</summary>
public sealed record ModelSummary(long Parameters, int Layers, long FlopsPerImage, int InputSize, int InputChannels)
{
    public static long CountParameters(nn.Module model) => model.parameters().Sum(p => p.numel());

    /// <summary>Runs one image of <paramref name="size"/>×<paramref name="size"/> through the model in eval mode, counting convolution and linear work.</summary>
    public static ModelSummary Of(nn.Module<Tensor, Tensor> model, int size, int channels)
    {
        long macs = 0;
        int layers = 0;
        var removers = new List<Action>();
        var seen = new HashSet<nn.Module>(ReferenceEqualityComparer.Instance);
        foreach (var (_, module) in model.named_modules())
        {
            if (!seen.Add(module)) continue;
            if (module is Conv2d conv)
            {
                layers++;
                var hook = conv.register_forward_hook((m, _, output) => { macs += WorkOf(conv.weight, output); return output; });
                removers.Add(hook.remove);
            }
            else if (module is Linear linear)
            {
                layers++;
                var hook = linear.register_forward_hook((m, _, output) => { macs += WorkOf(linear.weight, output); return output; });
                removers.Add(hook.remove);
            }
        }
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            model.forward(torch.zeros(1, channels, size, size));
        }
        finally
        {
            foreach (var remove in removers) remove();
            model.train(wasTraining);
        }
        return new ModelSummary(CountParameters(model), layers, 2 * macs, size, channels);
    }

    /// <summary>Each output element costs one multiply-add per weight feeding it (weight elements / output channels).</summary>
    private static long WorkOf(Tensor weight, Tensor output) => output.numel() * (weight.numel() / weight.shape[0]);
}
