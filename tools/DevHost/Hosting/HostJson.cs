using System.Globalization;
using System.Text.Json;

namespace HealthOracle.DevHost.Hosting;

/// <summary>The parts of <c>host.json</c> the host applies: the HTTP route prefix and the function timeout.</summary>
internal sealed record HostJson(string RoutePrefix, TimeSpan FunctionTimeout)
{
    /// <summary>The Functions host's default when host.json names none (Premium, Dedicated and Flex plans).</summary>
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(30);

    public static HostJson Load(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return new HostJson("api", DefaultFunctionTimeout);
        }

        return Parse(File.ReadAllText(path));
    }

    public static HostJson Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;

        var prefix = "api";
        if (root.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var routePrefix)
            && routePrefix.ValueKind == JsonValueKind.String)
        {
            prefix = routePrefix.GetString()!.Trim('/');
        }

        var timeout = DefaultFunctionTimeout;
        if (root.TryGetProperty("functionTimeout", out var value) && value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            timeout = text == "-1" ? Timeout.InfiniteTimeSpan : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        }

        return new HostJson(prefix, timeout);
    }
}
