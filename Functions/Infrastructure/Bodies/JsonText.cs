using System.Text.Json;
using System.Text.Unicode;

namespace HealthOracle.Functions.Infrastructure.Bodies;

/// <summary>
/// The rules every JSON body is held to, whichever reader reads it: UTF-8 (a byte order mark is dropped),
/// escapes that make Unicode text (a lone <c>\ud800</c> does not; System.Text.Json only notices when the string
/// is read, by throwing), at most <see cref="BodyRules.MaxDepth"/> levels, and no name twice in one object.
/// Names echoed in answers are shortened (<see cref="Echo"/>): an answer never grows with what was sent.
/// </summary>
internal static class JsonText
{
    public const string NotUtf8 = "The body is not valid UTF-8 text.";

    public const string NotUnicode = "The body has a string whose escapes are not valid Unicode text (a lone surrogate such as \\ud800).";

    /// <summary>A name or path from the body as an error's key is at most this long (then "…").</summary>
    public const int MaxEchoedNameChars = 64;

    public static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = BodyRules.MaxDepth };

    /// <summary>A name or path from the body, shortened to be an error's key: an answer never grows with a name's length.</summary>
    public static string Echo(string name) =>
        name.Length <= MaxEchoedNameChars ? name : string.Concat(name.AsSpan(0, MaxEchoedNameChars), "…");

    /// <summary>3 when the body starts with a UTF-8 byte order mark, else 0.</summary>
    public static int ByteOrderMarkLength(ReadOnlySpan<byte> body) => body.StartsWith("\uFEFF"u8) ? 3 : 0;

    /// <summary>Null when <paramref name="utf8"/> is UTF-8; otherwise what is wrong, in words.</summary>
    public static string? CheckEncoding(ReadOnlySpan<byte> utf8) => Utf8.IsValid(utf8) ? null : NotUtf8;

    /// <summary>
    /// The first thing wrong with a JSON body that is not a type mismatch, as (key, message): a syntax error
    /// (<c>body</c>, with its line and byte), escapes that make no text (<c>body</c>), or a name given twice in
    /// one object (its path). Null when there is none; what the values mean is the typed reader's to check.
    /// </summary>
    public static (string Key, string Message)? Check(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var frames = new Stack<Frame>();
        var path = "";
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.Pop();
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    if (reader.ValueIsEscaped && !Unescapes(ref reader))
                    {
                        return ("body", NotUnicode);
                    }

                    var frame = frames.Peek();
                    var name = reader.GetString()!;
                    path = frame.Path.Length == 0 ? name : $"{frame.Path}.{name}";
                    if (!(frame.Names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
                    {
                        return (Echo(path), Errors.Duplicated);
                    }

                    continue;
                }

                // A value: inside an array its path is the array's with its index.
                if (frames.TryPeek(out var container) && container.Names is null && container.IsArray)
                {
                    path = $"{container.Path}[{container.Count++}]";
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Push(new Frame(path, token == JsonTokenType.StartArray));
                }
                else if (token == JsonTokenType.String && reader.ValueIsEscaped && !Unescapes(ref reader))
                {
                    return ("body", NotUnicode);
                }
            }
        }
        catch (JsonException e)
        {
            return ("body", Malformed(e));
        }

        return null;
    }

    /// <summary>An object or array being read: its path, the names seen in it (objects), the values counted (arrays).</summary>
    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public HashSet<string>? Names { get; set; }

        public int Count { get; set; }
    }

    /// <summary>A syntax error in words, with where it is (never the parser's message: it would echo the body).</summary>
    public static string Malformed(JsonException exception) =>
        $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).";

    /// <summary>Whether the current (escaped) string unescapes to valid UTF-16.</summary>
    public static bool Unescapes(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
