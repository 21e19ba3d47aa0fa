namespace LossSearch.Learning.Losses;

/// <summary>
/// Why a loss text could not be parsed. <see cref="Position"/> is the 1-based character position
/// of the problem; <see cref="Expected"/> says what would have been accepted there.
/// </summary>
public sealed record LossSyntaxError(int Position, string Expected, string Found)
{
    public string Message => $"position {Position}: expected {Expected}, found {Found}";
    public override string ToString() => Message;
}

/// <summary>A loss text that does not parse; the CLI reports it as bad input (exit code 2).</summary>
public sealed class LossSyntaxException(LossSyntaxError error, string text)
    : InvalidInputException($"loss expression '{text}': {error.Message}")
{
    public LossSyntaxError Error { get; } = error;
}
