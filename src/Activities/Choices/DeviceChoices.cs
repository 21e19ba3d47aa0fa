using LossSearch.Learning.Runtime;

namespace LossSearch.Activities.Choices;

/// <summary>Device specs; <c>cuda:N</c> names one CUDA device. Whether the device exists is checked where the work runs.</summary>
public sealed class DeviceChoices() : CatalogChoices(DeviceSelection.Names, open: true)
{
    protected override string? CheckOther(string value) =>
        DeviceSelection.IsWellFormed(value) ? null : $"'{value}' is not auto, cpu, cuda or cuda:N";
}
