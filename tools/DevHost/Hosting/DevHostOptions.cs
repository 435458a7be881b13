using Microsoft.Extensions.Configuration;

namespace HealthOracle.DevHost.Hosting;

/// <summary>
/// What DevHost runs and where: the command line (<c>--app</c>, <c>--port</c>, <c>--settings</c>,
/// <c>--site</c>, <c>--site-port</c>, <c>--auth on|off</c>, <c>--telemetry summary|off</c>, <c>--otlp &lt;url&gt;</c>),
/// then <c>local.settings.json</c>'s <c>Host.LocalHttpPort</c>. <see cref="AuthEmulation"/> plays App Service
/// Authentication (on by default); <see cref="TelemetrySummary"/> and <see cref="OtlpEndpoint"/> show or forward the
/// worker's OpenTelemetry (off by default).
/// </summary>
internal sealed record DevHostOptions(
    string AppDirectory,
    int Port,
    string? SettingsPath,
    string? SiteDirectory,
    int SitePort,
    bool AuthEmulation = true,
    bool TelemetrySummary = false,
    Uri? OtlpEndpoint = null)
{
    public const int DefaultPort = 7071;
    public const int DefaultSitePort = 5173;

    public static DevHostOptions FromConfiguration(IConfiguration configuration)
    {
        var app = Path.GetFullPath(configuration["app"] ?? Directory.GetCurrentDirectory());
        if (!File.Exists(Path.Combine(app, "functions.metadata")) && !File.Exists(Path.Combine(app, "worker.config.json")))
        {
            throw new InvalidOperationException(
                $"'{app}' is not a built isolated-worker app (no functions.metadata or worker.config.json): pass --app <the worker's build or publish folder>.");
        }

        var settings = configuration["settings"] is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : new[] { Path.Combine(app, "local.settings.json"), Path.GetFullPath("local.settings.json") }.FirstOrDefault(File.Exists);
        var site = configuration["site"] is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

        return new DevHostOptions(
            app,
            configuration.GetValue<int?>("port") ?? 0,
            settings,
            site,
            configuration.GetValue<int?>("site-port") ?? DefaultSitePort,
            ParseSwitch(configuration["auth"], "--auth", defaultValue: true),
            ParseTelemetry(configuration["telemetry"]),
            ParseEndpoint(configuration["otlp"]));
    }

    private static bool ParseTelemetry(string? value) =>
        value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "off" => false,
            "summary" or "on" => true,
            _ => throw new InvalidOperationException($"--telemetry takes summary or off, not '{value}'."),
        };

    private static Uri? ParseEndpoint(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw new InvalidOperationException($"--otlp takes an OTLP/HTTP endpoint such as http://127.0.0.1:4318, not '{value}'.");

    private static bool ParseSwitch(string? value, string option, bool defaultValue) =>
        value?.Trim().ToLowerInvariant() switch
        {
            null or "" => defaultValue,
            "on" or "true" => true,
            "off" or "false" => false,
            _ => throw new InvalidOperationException($"{option} takes on or off, not '{value}'."),
        };
}
