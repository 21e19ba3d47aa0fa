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
    : InvalidInputException($"loss expression {LossText.Around(text, error.Position)}: {error.Message}")
{
    public LossSyntaxError Error { get; } = error;
}

/// <summary>Loss texts as error messages quote them: whole when short, else the neighbourhood of the problem.</summary>
public static class LossText
{
    private const int Shown = 120, Side = 40;

    /// <summary>The text in quotes, or the characters around 1-based <paramref name="position"/> with its offset.</summary>
    public static string Around(string text, int position)
    {
        if (text.Length <= Shown) return $"'{text}'";
        int at = Math.Clamp(position - 1, 0, text.Length);
        int from = Math.Max(0, at - Side), to = Math.Min(text.Length, at + Side);
        return $"of {text.Length} characters, near position {position}: '{(from > 0 ? "…" : "")}{text[from..to]}{(to < text.Length ? "…" : "")}'";
    }

    /// <summary>The text in quotes, cut to its start when long.</summary>
    public static string Quote(string text) => text.Length <= Shown ? $"'{text}'" : $"'{text[..Shown]}…' ({text.Length} characters)";
}
