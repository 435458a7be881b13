using System.Text.Json;

namespace HealthOracle.DevHost.Hosting;

/// <summary>
/// <c>local.settings.json</c> as Core Tools reads it: <c>Values</c> become the worker's environment,
/// <c>Host</c> holds the port and CORS. DevHost's keys are two more Values (documented defaults), and
/// <c>DevHost__AuthSessionKey</c> signs sign-in sessions so that they survive a restart (else a random key).
/// </summary>
internal sealed class LocalSettings
{
    public const string MasterKeySetting = "DevHost__MasterKey";
    public const string FunctionKeySetting = "DevHost__FunctionKey";
    public const string DefaultMasterKey = "devhost-master-key";
    public const string DefaultFunctionKey = "devhost-function-key";
    public const string AuthSessionKeySetting = "DevHost__AuthSessionKey";

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    public bool CorsCredentials { get; init; }

    public int? LocalHttpPort { get; init; }

    public string MasterKey => Values.TryGetValue(MasterKeySetting, out var key) && key.Length > 0 ? key : DefaultMasterKey;

    public string FunctionKey => Values.TryGetValue(FunctionKeySetting, out var key) && key.Length > 0 ? key : DefaultFunctionKey;

    public string? AuthSessionKey => Values.TryGetValue(AuthSessionKeySetting, out var key) && key.Length > 0 ? key : null;

    public static LocalSettings Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new LocalSettings();
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), JsonOptions);
        var root = document.RootElement;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetPropertyIgnoreCase("Values", out var valuesElement) && valuesElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in valuesElement.EnumerateObject())
            {
                values[value.Name] = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() ?? "" : value.Value.GetRawText();
            }
        }

        var origins = new List<string>();
        var credentials = false;
        int? port = null;
        if (root.TryGetPropertyIgnoreCase("Host", out var host) && host.ValueKind == JsonValueKind.Object)
        {
            if (host.TryGetPropertyIgnoreCase("CORS", out var cors) && cors.ValueKind == JsonValueKind.String)
            {
                origins.AddRange(cors.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            credentials = host.TryGetPropertyIgnoreCase("CORSCredentials", out var cred) && (cred.ValueKind == JsonValueKind.True
                || (cred.ValueKind == JsonValueKind.String && bool.TryParse(cred.GetString(), out var parsed) && parsed));
            if (host.TryGetPropertyIgnoreCase("LocalHttpPort", out var p) && p.TryGetInt32(out var number))
            {
                port = number;
            }
        }

        return new LocalSettings { Values = values, CorsOrigins = origins, CorsCredentials = credentials, LocalHttpPort = port };
    }

    /// <summary>Resolves <c>%Name%</c> from Values, then the environment, as the host does for binding expressions.</summary>
    public string Resolve(string expression)
    {
        if (expression.Length > 2 && expression[0] == '%' && expression[^1] == '%')
        {
            var name = expression[1..^1];
            if (Values.TryGetValue(name, out var value) || (value = Environment.GetEnvironmentVariable(name)) is not null)
            {
                return value;
            }

            throw new InvalidOperationException($"The setting '{name}' used by '{expression}' is not defined in local.settings.json Values or the environment.");
        }

        return expression;
    }
}
