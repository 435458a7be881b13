using System.Text.Json;
using System.Text.Unicode;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// The checks every JSON body passes before it is parsed: a UTF-8 byte order mark is dropped, bytes that
/// are not UTF-8 are refused, and so are escapes that make no Unicode text (a lone <c>\ud800</c>), which
/// System.Text.Json only notices when a string is read, by throwing <see cref="InvalidOperationException"/>.
/// </summary>
internal static class JsonText
{
    public const string NotUtf8 = "The body is not valid UTF-8 text.";

    public const string NotUnicode = "The body has a string whose escapes are not valid Unicode text (a lone surrogate such as \\ud800).";

    /// <summary>A name or path from the body as an error's key is at most this long (then "…").</summary>
    public const int MaxEchoedNameChars = 64;

    /// <summary>A name or path from the body, shortened to be an error's key: an answer never grows with a name's length.</summary>
    public static string Echo(string name) =>
        name.Length <= MaxEchoedNameChars ? name : string.Concat(name.AsSpan(0, MaxEchoedNameChars), "…");

    /// <summary>The body without a leading UTF-8 byte order mark.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> body) =>
        body.StartsWith("\uFEFF"u8) ? body[3..] : body;

    /// <summary>Null when <paramref name="utf8"/> is UTF-8; otherwise what is wrong, in words.</summary>
    public static string? CheckEncoding(ReadOnlySpan<byte> utf8) => Utf8.IsValid(utf8) ? null : NotUtf8;

    /// <summary>
    /// Null when the body is UTF-8 and every escaped string in it unescapes to Unicode text; otherwise what
    /// is wrong. Syntax errors are left to the parser that follows (it words them with a position).
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        if (CheckEncoding(utf8) is { } problem)
        {
            return problem;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !Unescapes(ref reader))
                {
                    return NotUnicode;
                }
            }
        }
        catch (JsonException)
        {
            // The parser that follows reports it.
        }

        return null;
    }

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
