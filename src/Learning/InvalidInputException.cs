namespace LossSearch.Learning;

/// <summary>
/// Input that cannot be used as given: a malformed expression, file, option or value.
/// The message names the offending file, field or position. The CLI maps it to exit code 2.
/// </summary>
public class InvalidInputException : Exception
{
    public InvalidInputException(string message) : base(message) { }
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
