using Microsoft.Extensions.Configuration;

namespace HealthOracle.DevHost.Hosting;

/// <summary>
/// What DevHost runs and where: the command line (<c>--app</c>, <c>--port</c>, <c>--settings</c>,
/// <c>--site</c>, <c>--site-port</c>, <c>--auth on|off</c>), then <c>local.settings.json</c>'s
/// <c>Host.LocalHttpPort</c>. <see cref="AuthEmulation"/> plays App Service Authentication (on by default).
/// </summary>
internal sealed record DevHostOptions(
    string AppDirectory,
    int Port,
    string? SettingsPath,
    string? SiteDirectory,
    int SitePort,
    bool AuthEmulation = true)
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
            ParseSwitch(configuration["auth"], "--auth", defaultValue: true));
    }

    private static bool ParseSwitch(string? value, string option, bool defaultValue) =>
        value?.Trim().ToLowerInvariant() switch
        {
            null or "" => defaultValue,
            "on" or "true" => true,
            "off" or "false" => false,
            _ => throw new InvalidOperationException($"{option} takes on or off, not '{value}'."),
        };
}
