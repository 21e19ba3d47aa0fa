using System.Globalization;

namespace LossSearch.Learning.Losses;

/// <summary>
/// Parses the text form: <c>[flip:] expr</c> with infix <c>+ - * /</c> (usual precedence, left
/// associative), prefix <c>-</c>, operator names as functions, <c>y</c>, <c>yhat</c> and literal
/// numbers. Equal sub-expressions become one shared node. Never throws on bad text: errors come
/// back as a <see cref="LossSyntaxError"/> with the position and what was expected.
/// </summary>
public sealed class LossParser
{
    /// <summary>Deeper nesting is refused rather than risking the stack.</summary>
    public const int MaxDepth = 200;

    /// <summary>
    /// Longer texts are refused before parsing: a loss of this size is already far beyond anything a
    /// search produces, and printing a much larger shared DAG takes seconds and gigabytes.
    /// </summary>
    public const int MaxLength = 4000;

    private readonly string _text;
    private int _pos;
    private readonly List<LossNode> _nodes = [];
    private readonly Dictionary<LossNode, int> _shared = [];

    private LossParser(string text) => _text = text;

    public static bool TryParse(string? text, out LossExpression? expression, out LossSyntaxError? error)
    {
        expression = null;
        error = null;
        var parser = new LossParser(text ?? "");
        if (parser._text.Length > MaxLength)
        {
            error = new LossSyntaxError(MaxLength + 1, $"at most {MaxLength} characters", $"{parser._text.Length} characters");
            return false;
        }
        try
        {
            expression = parser.ParseLoss();
            return true;
        }
        catch (SyntaxFailure failure)
        {
            error = failure.Error;
            return false;
        }
    }

    /// <summary>Parses or throws <see cref="LossSyntaxException"/> (an <see cref="InvalidInputException"/>).</summary>
    public static LossExpression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression! : throw new LossSyntaxException(error!, text);

    private sealed class SyntaxFailure(LossSyntaxError error) : Exception(error.Message)
    {
        public LossSyntaxError Error { get; } = error;
    }

    private LossExpression ParseLoss()
    {
        SkipSpace();
        bool flip = false;
        int start = _pos;
        if (TryReadIdentifier(out var word) && word == "flip" && PeekAfterSpace() == ':')
        {
            SkipSpace();
            _pos++;
            flip = true;
        }
        else
            _pos = start;
        int root = ParseSum(0);
        SkipSpace();
        if (_pos < _text.Length)
            throw Fail(_pos, "an operator (+ - * /) or the end of the expression");
        return new LossExpression(_nodes, root, flip);
    }

    private int ParseSum(int depth)
    {
        int left = ParseProduct(depth);
        while (true)
        {
            char c = PeekAfterSpace();
            if (c != '+' && c != '-')
                return left;
            _pos++;
            int right = ParseProduct(depth);
            left = Add(LossNode.Binary(c == '+' ? Operators.Add : Operators.Sub, left, right));
        }
    }

    private int ParseProduct(int depth)
    {
        int left = ParseUnary(depth);
        while (true)
        {
            char c = PeekAfterSpace();
            if (c != '*' && c != '/')
                return left;
            _pos++;
            int right = ParseUnary(depth);
            left = Add(LossNode.Binary(c == '*' ? Operators.Mul : Operators.Div, left, right));
        }
    }

    private int ParseUnary(int depth)
    {
        if (depth > MaxDepth)
            throw Fail(_pos, $"an expression nested at most {MaxDepth} levels deep");
        if (PeekAfterSpace() != '-')
            return ParsePrimary(depth);
        _pos++;
        char next = PeekAfterSpace();
        if (char.IsAsciiDigit(next) || next == '.')
            return Add(LossNode.Constant(-ReadNumber()));
        return Add(LossNode.Unary(Operators.Neg, ParseUnary(depth + 1)));
    }

    private int ParsePrimary(int depth)
    {
        char c = PeekAfterSpace();
        int at = _pos;
        if (c == '(')
        {
            _pos++;
            int inner = ParseSum(depth + 1);
            Expect(')', "')' to close the '(' at position " + (at + 1));
            return inner;
        }
        if (char.IsAsciiDigit(c) || c == '.')
            return Add(LossNode.Constant(ReadNumber()));
        if (!TryReadIdentifier(out var name))
            throw Fail(at, "y, yhat, a number, '(' or a function call");
        if (PeekAfterSpace() != '(')
        {
            return name switch
            {
                "y" => Add(LossNode.Y),
                "yhat" => Add(LossNode.Yhat),
                _ when Operators.Find(name) is not null => throw Fail(_pos, $"'(' after the function name '{name}'"),
                _ => throw Fail(at, "y, yhat, a number, '(' or a function call", $"unknown name '{name}'"),
            };
        }
        var op = Operators.Find(name)
                 ?? throw Fail(at, "a known function (" + string.Join(", ", Operators.All.Select(o => o.Name)) + ")", $"unknown function '{name}'");
        _pos++;
        var args = new List<int>();
        if (PeekAfterSpace() == ')')
            _pos++;
        else
        {
            while (true)
            {
                args.Add(ParseSum(depth + 1));
                char separator = PeekAfterSpace();
                if (separator == ',') { _pos++; continue; }
                Expect(')', $"',' or ')' in the arguments of '{name}'");
                break;
            }
        }
        if (args.Count != op.Arity)
            throw Fail(at, $"'{name}' with {Arguments(op.Arity)}", Arguments(args.Count));
        return Add(op.Arity == 1 ? LossNode.Unary(op, args[0]) : LossNode.Binary(op, args[0], args[1]));
    }

    private static string Arguments(int count) => count == 1 ? "1 argument" : $"{count} arguments";

    private double ReadNumber()
    {
        int start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            int mark = _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
            if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            else
                _pos = mark; // "2e" is the number 2 followed by a name
        }
        var span = _text.AsSpan(start, _pos - start);
        if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Fail(start, "a number such as 1, 0.5 or 1e-3", $"'{span}'");
        if (!double.IsFinite(value))
            throw Fail(start, "a finite number", $"'{span}'");
        return value;
    }

    private bool TryReadIdentifier(out string name)
    {
        int start = _pos;
        if (_pos < _text.Length && (char.IsAsciiLetter(_text[_pos]) || _text[_pos] == '_'))
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        name = _text[start.._pos];
        return name.Length > 0;
    }

    private void Expect(char c, string expected)
    {
        if (PeekAfterSpace() != c)
            throw Fail(_pos, expected);
        _pos++;
    }

    private char PeekAfterSpace()
    {
        SkipSpace();
        return _pos < _text.Length ? _text[_pos] : '\0';
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private int Add(LossNode node)
    {
        if (_shared.TryGetValue(node, out int index))
            return index;
        _nodes.Add(node);
        _shared[node] = _nodes.Count - 1;
        return _nodes.Count - 1;
    }

    private SyntaxFailure Fail(int offset, string expected, string? found = null)
    {
        found ??= offset < _text.Length ? $"'{_text[offset]}'" : "the end of the expression";
        return new SyntaxFailure(new LossSyntaxError(offset + 1, expected, found));
    }
}
