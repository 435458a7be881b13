using System.Text.Json.Nodes;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// What the features' descriptions write into: tags, schemas, and operations on the routes their functions
/// declare. A path always comes from the function's <c>[HttpTrigger]</c> route (<see cref="HttpFunctions"/>),
/// never from the description, and a method the trigger does not take is refused.
/// </summary>
internal sealed class ApiDocumentBuilder(ApiSchemas schemas)
{
    private readonly List<ApiOperation> _operations = [];
    private readonly SortedDictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly List<(Func<ApiOperation, bool> Applies, Action<ApiOperation> Add)> _everywhere = [];
    private readonly SortedDictionary<string, JsonObject> _securitySchemes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonObject> _headers = new(StringComparer.Ordinal);

    public ApiSchemas Schemas => schemas;

    public IReadOnlyList<ApiOperation> Operations => _operations;

    public IReadOnlyDictionary<string, string> Tags => _tags;

    public IReadOnlyDictionary<string, JsonObject> SecuritySchemes => _securitySchemes;

    /// <summary>Headers described once (<c>components/headers</c>) for answers to refer to.</summary>
    public IReadOnlyDictionary<string, JsonObject> Headers => _headers;

    /// <summary>Adds a component header and answers a <c>$ref</c> to it.</summary>
    public JsonObject Header(string name, JsonObject header)
    {
        _headers[name] = header;
        return new JsonObject { ["$ref"] = $"#/components/headers/{name}" };
    }

    /// <summary>The API version the document describes (<c>info.version</c>): descriptions that differ between versions read it.</summary>
    public required string Version { get; init; }

    /// <summary>The document's <c>security</c>: what an operation that says nothing of its own accepts.</summary>
    public JsonArray? DefaultSecurity { get; private set; }

    /// <summary>Sets <see cref="DefaultSecurity"/>: alternatives, each a scheme name (an empty name: no credentials needed).</summary>
    public void Secure(params string[] alternatives) => DefaultSecurity = ApiOperation.SecurityRequirements(alternatives);

    public void Tag(string name, string description) => _tags[name] = description;

    /// <summary>A way of proving who calls (<c>components/securitySchemes</c>), for operations to name in <see cref="ApiOperation.Security"/>.</summary>
    public void SecurityScheme(string name, JsonObject scheme) => _securitySchemes[name] = scheme;

    /// <summary>Describes <paramref name="method"/> on the route of the function named <paramref name="functionName"/>.</summary>
    public ApiOperation Operation(string functionName, string method, string operationId, string summary) =>
        Operation(functionName, method, operationId, summary, bind: null);

    /// <summary>
    /// Describes <paramref name="method"/> on the route of the function named <paramref name="functionName"/>, with
    /// route parameters given values in <paramref name="bind"/> (a route shared by the diseases, described per disease).
    /// </summary>
    public ApiOperation Operation(string functionName, string method, string operationId, string summary, IReadOnlyDictionary<string, string>? bind)
    {
        var function = HttpFunctions.Get(functionName);
        var path = bind is null ? function.Path : function.Bind(bind);
        method = method.ToUpperInvariant();
        if (!function.Methods.Contains(method))
        {
            throw new InvalidOperationException($"{functionName} does not take {method} (its trigger takes {string.Join(", ", function.Methods)}).");
        }

        if (_operations.Any(o => o.Path == path && o.Method == method))
        {
            throw new InvalidOperationException($"{method} {path} is described twice.");
        }

        var operation = new ApiOperation(function, path, method, operationId, summary);
        _operations.Add(operation);
        return operation;
    }

    /// <summary>
    /// Adds to every operation that <paramref name="applies"/> to, once every feature has described its own:
    /// for what one feature does to others' routes (the gateway's refusals on the paid API, the error any route can give).
    /// </summary>
    public void Everywhere(Func<ApiOperation, bool> applies, Action<ApiOperation> add) => _everywhere.Add((applies, add));

    /// <summary>Applies the <see cref="Everywhere"/> additions and answers the <c>paths</c> object, paths and methods in order.</summary>
    public JsonObject Paths()
    {
        foreach (var (applies, add) in _everywhere)
        {
            foreach (var operation in _operations.Where(applies))
            {
                add(operation);
            }
        }

        var paths = new JsonObject();
        foreach (var group in _operations.GroupBy(o => o.Path).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var item = new JsonObject();
            foreach (var operation in group.OrderBy(o => MethodOrder(o.Method)))
            {
                item[operation.Method.ToLowerInvariant()] = operation.ToJson();
            }

            paths[group.Key] = item;
        }

        return paths;
    }

    private static int MethodOrder(string method) => Array.IndexOf(["GET", "PUT", "POST", "PATCH", "DELETE"], method) is var i and >= 0 ? i : 9;
}
