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

    /// <summary>Keras BatchNormalization's epsilon 1e-3, with a PyTorch-convention <paramref name="momentum"/> (Keras' 0.99 is 0.01 here).</summary>
    public static BatchNorm2d BatchNorm(long channels, double momentum) => nn.BatchNorm2d(channels, eps: 1e-3, momentum: momentum);
}
