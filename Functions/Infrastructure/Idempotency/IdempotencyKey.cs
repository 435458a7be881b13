using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Infrastructure.Idempotency;

/// <summary>
/// A request's <c>Idempotency-Key</c> (draft-ietf-httpapi-idempotency-key-header): one key of visible ASCII, sent as
/// the draft's Structured Field string (<c>"…"</c>) or as a plain token. Only its <see cref="Hash"/> is ever stored,
/// and it is never logged: <see cref="ToString"/> says nothing of it.
/// </summary>
internal sealed partial class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    public const int MaxLength = 255;

    /// <summary>What <see cref="Read"/> accepts, as the document's pattern: visible ASCII but quotes and backslashes, plain or in double quotes.</summary>
    public const string Pattern = "^(\"[!#-\\[\\]-~]{1,255}\"|[!#-\\[\\]-~]{1,255})$";

    private IdempotencyKey(string value) => Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(value)));

    /// <summary>The SHA-256 of the key (hex): what a store keeps instead of the key.</summary>
    public string Hash { get; }

    /// <summary>None when the header is absent; a key; or a 400 <c>InvalidIdempotencyKey</c> naming the header.</summary>
    public static (IdempotencyKey? Key, Problem? Problem) Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return (null, null);
        }

        if (values.Count != 1 || values[0] is not { } sent)
        {
            return (null, Invalid("must be sent once."));
        }

        return Syntax().IsMatch(sent)
            ? (new IdempotencyKey(sent.Trim('"')), null)
            : (null, Invalid($"must be 1 to {MaxLength} visible ASCII characters (no spaces, quotes or backslashes), plain or in double quotes."));
    }

    public override string ToString() => "IdempotencyKey";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    private static Problem Invalid(string message) => Problems.Invalid(ProblemTypes.InvalidIdempotencyKey,
        $"The {Header} header is not valid.", new Dictionary<string, string[]> { [Header] = [message] });
}
