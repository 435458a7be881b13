namespace HealthOracle.DevHost.Http;

/// <summary>
/// What a header value may hold on its way to the worker: visible ASCII, spaces and tabs (RFC 9110's
/// field-value without obsolete text). Kestrel lets UTF-8 and control bytes through, but the forward to the
/// worker could not carry them; such a request is refused with 400 before any invocation starts.
/// </summary>
internal static class HeaderValues
{
    public static bool IsForwardable(string? value)
    {
        foreach (var c in value.AsSpan())
        {
            if (c is not ('\t' or (>= ' ' and <= '~')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first header among <paramref name="headers"/> that is forwarded and cannot be, if any.</summary>
    public static string? FirstUnforwardable(IHeaderDictionary headers, Func<string, bool> isForwarded)
    {
        foreach (var (name, values) in headers)
        {
            if (!isForwarded(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (!IsForwardable(value))
                {
                    return name;
                }
            }
        }

        return null;
    }
}
