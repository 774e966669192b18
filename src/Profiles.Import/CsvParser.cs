using System.Text;

namespace Profiles.Import;

/// <summary>
/// Reads RFC 4180 CSV: comma-separated fields, fields in double quotes may hold commas, line breaks and doubled
/// quotes (<c>""</c>); records end with CRLF, LF or CR. Each record carries the line it starts on.
/// </summary>
public sealed class CsvParser(TextReader reader)
{
    private int _line = 1;

    /// <summary>Characters consumed so far, for progress.</summary>
    public long CharsRead { get; private set; }

    /// <summary>The next record and the line it starts on, or null at the end of the input.</summary>
    public (int Line, List<string> Fields)? ReadRecord()
    {
        var first = Peek();
        if (first == -1) return null;
        var startLine = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (true)
        {
            var c = Read();
            if (c == '"' && field.Length == 0)
            {
                ReadQuoted(field, startLine);
                c = Read();
                if (c != ',' && c != '\n' && c != '\r' && c != -1)
                    throw new FormatException($"Line {_line}: unexpected '{(char)c}' after a closing quote (a quote inside a field must be doubled).");
            }
            else
            {
                while (c != ',' && c != '\n' && c != '\r' && c != -1)
                {
                    field.Append((char)c);
                    c = Read();
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (c == ',') continue;
            if (c == '\r' && Peek() == '\n') Read();
            if (c == '\r' || c == '\n') _line++;
            return (startLine, fields);
        }
    }

    private void ReadQuoted(StringBuilder field, int startLine)
    {
        while (true)
        {
            var c = Read();
            switch (c)
            {
                case -1:
                    throw new FormatException($"Line {startLine}: a quoted field is never closed.");
                case '"' when Peek() == '"':
                    Read();
                    field.Append('"');
                    break;
                case '"':
                    return;
                case '\r':
                    field.Append('\r');
                    if (Peek() == '\n') field.Append((char)Read());
                    _line++;
                    break;
                case '\n':
                    field.Append('\n');
                    _line++;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }

    private int Peek() => reader.Peek();

    private int Read()
    {
        var c = reader.Read();
        if (c != -1) CharsRead++;
        return c;
    }
}
