using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>Keras defaults (Glorot-uniform kernels, zero biases), the initialisation the published surrogates were trained with.</summary>
internal static class KerasInit
{
    public static void GlorotUniform(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.xavier_uniform_(conv.weight);
                    if (conv.bias is not null) nn.init.zeros_(conv.bias);
                    break;
                case Linear linear:
                    nn.init.xavier_uniform_(linear.weight);
                    if (linear.bias is not null) nn.init.zeros_(linear.bias);
                    break;
            }
        }
    }

    /// <summary>A fresh Glorot-initialised dense head with <paramref name="classes"/> outputs replacing <paramref name="old"/> (disposed), on its device.</summary>
    public static Linear ReplaceDense(Linear old, int classes)
    {
        ModelGuards.CheckClasses(classes);
        var head = nn.Linear(old.in_features, classes, device: old.weight.device);
        using (torch.no_grad())
        {
            nn.init.xavier_uniform_(head.weight);
            nn.init.zeros_(head.bias!);
        }
        old.Dispose();
        return head;
    }

    /// <summary>Keras BatchNormalization's epsilon 1e-3, with a PyTorch-convention <paramref name="momentum"/> (Keras' 0.99 is 0.01 here).</summary>
    public static BatchNorm2d BatchNorm(long channels, double momentum) => nn.BatchNorm2d(channels, eps: 1e-3, momentum: momentum);
}
