using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

/// <summary>
/// A model's trainable parameters as views into one contiguous buffer, and their gradients as views into
/// another, so that the optimizer (TorchSharp has no <c>foreach</c> kernels) updates one tensor with a handful
/// of large element-wise ops instead of a few small ops per parameter. Autograd accumulates into the
/// gradient views in place; <see cref="ZeroGradients"/> replaces the optimizer's <c>zero_grad</c>, which
/// would detach them. Disposing unpacks: every parameter gets its own storage back (values kept, gradient
/// dropped), so that the model leaves the trainer as any other model does and its state dict saves as PyTorch's.
/// </summary>
public sealed class FlatParameters : IDisposable
{
    private readonly Tensor _gradients;
    private readonly IReadOnlyList<Parameter> _views;

    private FlatParameters(Parameter flat, Tensor gradients, IReadOnlyList<Parameter> views)
    {
        Parameter = flat;
        _gradients = gradients;
        _views = views;
    }

    /// <summary>The one parameter to hand to the optimizer: every trainable parameter of the model, in order.</summary>
    public Parameter Parameter { get; }

    /// <summary>Moves every trainable parameter of <paramref name="model"/> (all of one dtype and device) into the buffer, values unchanged.</summary>
    public static FlatParameters Pack(nn.Module model)
    {
        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        if (parameters.Count == 0) throw new InvalidInputException("flatParameters: the model has no trainable parameters.");
        var (dtype, device) = (parameters[0].dtype, parameters[0].device);
        if (parameters.Any(p => p.dtype != dtype || p.device.type != device.type || p.device.index != device.index))
            throw new InvalidInputException("flatParameters: the model's parameters differ in type or device; train without flatParameters.");
        long total = parameters.Sum(p => p.numel());
        using var noGrad = torch.no_grad();
        var flat = new Parameter(empty(total, dtype, device));
        var gradients = zeros(total, dtype, device);
        long offset = 0;
        foreach (var parameter in parameters)
        {
            long count = parameter.numel();
            using var values = flat.narrow(0, offset, count).view(parameter.shape);
            values.copy_(parameter);
            parameter.set_(values);
            parameter.grad = gradients.narrow(0, offset, count).view(parameter.shape);
            offset += count;
        }
        flat.grad = gradients;
        return new FlatParameters(flat, gradients, parameters);
    }

    /// <summary>Zeroes every gradient in place (the views stay attached).</summary>
    public void ZeroGradients() => _gradients.zero_();

    public void Dispose()
    {
        using (torch.no_grad())
        {
            foreach (var view in _views)
            {
                // A view keeps the whole buffer's storage and its offset into it, which a pickled state dict
                // would record against a storage holding only the view's own bytes.
                using var own = view.clone();
                view.set_(own);
                view.grad = null;
            }
        }
        Parameter.Dispose();
        _gradients.Dispose();
    }
}
