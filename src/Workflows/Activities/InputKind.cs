namespace LossSearch.Workflows.Activities;

/// <summary>
/// What a string or number input names, for checks beyond its rules that depend on who asks: a server
/// restricts the files and the work a request over the network may name (<see cref="IInputPolicy"/>).
/// </summary>
public enum InputKind
{
    /// <summary>A plain value.</summary>
    Value,
    /// <summary>A file or folder path.</summary>
    Path,
    /// <summary>A dataset spec <c>FORMAT:PATH[?k=v…]</c>: a path, or a generated dataset's size.</summary>
    DatasetSpec,
    /// <summary>The side in pixels that images are decoded to.</summary>
    ImageSide,
}
