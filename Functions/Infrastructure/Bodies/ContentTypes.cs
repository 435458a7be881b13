using Microsoft.Net.Http.Headers;

namespace HealthOracle.Functions.Infrastructure.Bodies;

/// <summary>What a request's <c>Content-Type</c> says its body is.</summary>
internal enum BodyKind
{
    /// <summary>No content type was sent.</summary>
    None,

    /// <summary><c>application/json</c> or any <c>+json</c> type.</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>.</summary>
    Form,

    /// <summary>Anything else, or a header that does not parse.</summary>
    Other,
}

/// <summary>Reads a <c>Content-Type</c>: the kind of body, and a charset the app cannot read.</summary>
internal static class ContentTypes
{
    public static BodyKind KindOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return BodyKind.None;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return BodyKind.Other;
        }

        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Json;
        }

        return media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? BodyKind.Form
            : BodyKind.Other;
    }

    /// <summary>
    /// The charset a content type names when the app cannot read it, else null. Bodies are read as UTF-8;
    /// US-ASCII is a subset of it. Anything else (UTF-16, Latin-1, ...) would be misread, so it is refused (415).
    /// </summary>
    public static string? UnreadableCharset(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Charset is not { Length: > 0 } charset)
        {
            return null;
        }

        var name = charset.Value!.Trim('"');
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            ? null
            : JsonText.Echo(name);
    }
}
