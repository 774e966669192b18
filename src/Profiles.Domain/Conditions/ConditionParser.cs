using System.Globalization;
using System.Text;

namespace Profiles.Domain.Conditions;

/// <summary>Recursive-descent parser of <see cref="Condition"/> text, with type checks against the known fields.</summary>
internal sealed class ConditionParser
{
    private const int MaxDepth = 32;
    private const int MaxListItems = 100;

    private readonly string _text;
    private readonly Func<string, FieldKind?> _kindOf;
    private readonly List<Token> _tokens;
    private int _next;
    private int _depth;

    public ConditionParser(string text, Func<string, FieldKind?> kindOf)
    {
        _text = text;
        _kindOf = kindOf;
        if (text.Length > Condition.MaxLength)
            throw new ConditionSyntaxException($"the condition is longer than {Condition.MaxLength} characters", Condition.MaxLength + 1);
        _tokens = Tokenize(text);
    }

    private enum TokenKind
    {
        Identifier,
        Number,
        String,
        Operator,
        LeftParen,
        RightParen,
        LeftBracket,
        RightBracket,
        Comma,
        End,
    }

    private Token Current => _tokens[_next];

    public ConditionNode ParseAll()
    {
        if (Current.Kind == TokenKind.End) throw Error("the condition is empty", Current);
        var root = ParseOr();
        if (Current.Kind != TokenKind.End) throw Error($"expected 'and', 'or' or the end, found {Describe(Current)}", Current);
        return root;
    }

    private ConditionNode ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword(Current, "or"))
        {
            _next++;
            left = new OrNode(left, ParseAnd());
        }
        return left;
    }

    private ConditionNode ParseAnd()
    {
        var left = ParseUnary();
        while (IsKeyword(Current, "and"))
        {
            _next++;
            left = new AndNode(left, ParseUnary());
        }
        return left;
    }

    private ConditionNode ParseUnary()
    {
        if (++_depth > MaxDepth) throw Error($"nested more than {MaxDepth} deep", Current);
        try
        {
            if (IsKeyword(Current, "not"))
            {
                _next++;
                return new NotNode(ParseUnary());
            }
            if (Current.Kind == TokenKind.LeftParen)
            {
                var open = Current;
                _next++;
                var inner = ParseOr();
                if (Current.Kind != TokenKind.RightParen)
                    throw Error($"expected ')' to close the '(' at position {open.Position}, found {Describe(Current)}", Current);
                _next++;
                return inner;
            }
            return ParseComparison();
        }
        finally
        {
            _depth--;
        }
    }

    private ConditionNode ParseComparison()
    {
        var (field, kind, at) = ParseField();
        var token = Current;
        if (IsKeyword(token, "in"))
        {
            _next++;
            return new InNode(field, ParseList(field, kind), negated: false);
        }
        if (IsKeyword(token, "not") && IsKeyword(_tokens[_next + 1], "in"))
        {
            _next += 2;
            return new InNode(field, ParseList(field, kind), negated: true);
        }
        if (token.Kind != TokenKind.Operator)
            throw Error($"expected a comparison (= != < <= > >= in) after '{field}', found {Describe(token)}", token);
        _next++;
        var op = token.Text switch
        {
            "=" or "==" => CompareOp.Equal,
            "!=" or "<>" => CompareOp.NotEqual,
            "<" => CompareOp.Less,
            "<=" => CompareOp.LessOrEqual,
            ">" => CompareOp.Greater,
            _ => CompareOp.GreaterOrEqual,
        };
        var valueToken = Current;
        var literal = ParseLiteral(allowNull: true);
        if (literal.IsMissing && op is not (CompareOp.Equal or CompareOp.NotEqual))
            throw Error($"null can only be compared with = or !=", valueToken);
        CheckType(field, kind, literal, valueToken);
        _ = at;
        return new CompareNode(field, op, literal);
    }

    private (string Field, FieldKind Kind, int Position) ParseField()
    {
        var token = Current;
        if (token.Kind != TokenKind.Identifier || IsReserved(token.Text))
            throw Error($"expected a field name, found {Describe(token)}", token);
        _next++;
        var field = token.Text;
        if (string.Equals(field, "traits", StringComparison.Ordinal) && Current.Kind == TokenKind.LeftBracket)
        {
            _next++;
            var key = Current;
            if (key.Kind != TokenKind.String || key.Text.Length == 0) throw Error($"expected a trait name in quotes after 'traits[', found {Describe(key)}", key);
            _next++;
            if (Current.Kind != TokenKind.RightBracket) throw Error($"expected ']' after the trait name, found {Describe(Current)}", Current);
            _next++;
            field = "traits." + key.Text;
        }
        if (_kindOf(field) is not { } kind) throw Error($"unknown field '{field}'", token);
        return (field, kind, token.Position);
    }

    private List<FieldValue> ParseList(string field, FieldKind kind)
    {
        var open = Current;
        if (open.Kind != TokenKind.LeftBracket) throw Error($"expected '[' to start the list after 'in', found {Describe(open)}", open);
        _next++;
        var items = new List<FieldValue>();
        while (true)
        {
            var token = Current;
            var item = ParseLiteral(allowNull: false);
            CheckType(field, kind, item, token);
            if (items.Count > 0 && (items[0].Number is null) != (item.Number is null))
                throw Error("a list mixes numbers and strings", token);
            items.Add(item);
            if (items.Count > MaxListItems) throw Error($"a list has more than {MaxListItems} items", token);
            if (Current.Kind == TokenKind.Comma)
            {
                _next++;
                continue;
            }
            if (Current.Kind == TokenKind.RightBracket)
            {
                _next++;
                return items;
            }
            throw Error($"expected ',' or ']' in the list, found {Describe(Current)}", Current);
        }
    }

    private FieldValue ParseLiteral(bool allowNull)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _next++;
                return FieldValue.Of(token.Number);
            case TokenKind.String:
                _next++;
                return FieldValue.Of(token.Text);
            case TokenKind.Identifier when IsKeyword(token, "true") || IsKeyword(token, "false"):
                _next++;
                return FieldValue.Of(token.Text.ToLowerInvariant());
            case TokenKind.Identifier when IsKeyword(token, "null"):
                if (!allowNull) throw Error("null cannot be in a list", token);
                _next++;
                return FieldValue.Missing;
            default:
                throw Error($"expected a number, a string in quotes{(allowNull ? ", null" : "")}, true or false, found {Describe(token)}", token);
        }
    }

    private static void CheckType(string field, FieldKind kind, FieldValue literal, Token at)
    {
        if (literal.IsMissing || kind == FieldKind.Dynamic) return;
        if (kind == FieldKind.Number && literal.Number is null)
            throw Error($"'{field}' is a number and cannot be compared with the text {literal}", at);
        if (kind == FieldKind.Text && literal.Number is not null)
            throw Error($"'{field}' is text and cannot be compared with the number {literal}; put the value in quotes", at);
    }

    private static bool IsKeyword(Token token, string keyword) =>
        token.Kind == TokenKind.Identifier && string.Equals(token.Text, keyword, StringComparison.OrdinalIgnoreCase);

    private static bool IsReserved(string word) =>
        word.ToLowerInvariant() is "and" or "or" or "not" or "in" or "null" or "true" or "false";

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end",
        TokenKind.String => $"the text \"{token.Text}\"",
        _ => $"'{token.Text}'",
    };

    private static ConditionSyntaxException Error(string problem, Token at) => new(problem, at.Position);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-')) i++;
                var word = text[start..i];
                if (word.EndsWith('.') || word.Contains("..", StringComparison.Ordinal))
                    throw new ConditionSyntaxException($"'{word}' is not a field name", start + 1);
                tokens.Add(new Token(TokenKind.Identifier, word, start + 1, 0));
                continue;
            }
            if (char.IsAsciiDigit(c) || (c is '-' or '+' or '.' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                i++;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
                var literal = text[start..i];
                if (!double.TryParse(literal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ||
                    !double.IsFinite(number))
                    throw new ConditionSyntaxException($"'{literal}' is not a number", start + 1);
                if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
                    throw new ConditionSyntaxException($"a number runs into '{text[i]}'", i + 1);
                tokens.Add(new Token(TokenKind.Number, literal, start + 1, number));
                continue;
            }
            if (c is '"' or '\'')
            {
                tokens.Add(ReadString(text, ref i));
                continue;
            }
            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "<=" or ">=" or "!=" or "==" or "<>")
            {
                tokens.Add(new Token(TokenKind.Operator, two, start + 1, 0));
                i += 2;
                continue;
            }
            var kind = c switch
            {
                '=' or '<' or '>' => TokenKind.Operator,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                '[' => TokenKind.LeftBracket,
                ']' => TokenKind.RightBracket,
                ',' => TokenKind.Comma,
                _ => throw new ConditionSyntaxException($"unexpected character '{c}'", start + 1),
            };
            tokens.Add(new Token(kind, c.ToString(), start + 1, 0));
            i++;
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length + 1, 0));
        tokens.Add(new Token(TokenKind.End, "", text.Length + 1, 0));
        return tokens;
    }

    private static Token ReadString(string text, ref int i)
    {
        var quote = text[i];
        var start = i;
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length) throw new ConditionSyntaxException($"the text starting here has no closing {quote}", start + 1);
            var c = text[i];
            if (c == quote)
            {
                i++;
                return new Token(TokenKind.String, value.ToString(), start + 1, 0);
            }
            if (c == '\\')
            {
                if (i + 1 >= text.Length) throw new ConditionSyntaxException($"the text starting here has no closing {quote}", start + 1);
                var escaped = text[i + 1];
                if (escaped is not ('\\' or '"' or '\'')) throw new ConditionSyntaxException($"unknown escape '\\{escaped}' (use \\\\, \\\" or \\')", i + 1);
                value.Append(escaped);
                i += 2;
                continue;
            }
            value.Append(c);
            i++;
        }
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position, double Number);
}
