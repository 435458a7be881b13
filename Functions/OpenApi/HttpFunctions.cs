using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.OpenApi;

/// <summary>One HTTP-triggered function as its attributes declare it: the route the host serves and the methods it takes.</summary>
/// <param name="Name">The function's name (<c>[Function(Name)]</c>).</param>
/// <param name="Route">The route below the host's prefix, e.g. <c>predict/heart</c>.</param>
/// <param name="Methods">The HTTP methods, upper case.</param>
/// <param name="AuthorizationLevel">Anonymous for the public API; any other level needs a host key.</param>
internal sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthorizationLevel)
{
    /// <summary>The path in the OpenAPI document, relative to the <c>/api</c> server: <c>/predict/heart</c>; route constraints dropped (<c>{disease:alpha}</c> → <c>{disease}</c>).</summary>
    public string Path => "/" + Constraint.Replace(Route, "{$1}");

    /// <summary>The path with some route parameters given values: one disease's path of a route shared by all (<c>/predict/heart/what-if</c>).</summary>
    public string Bind(IReadOnlyDictionary<string, string> values)
    {
        var path = Path;
        foreach (var (name, value) in values)
        {
            var parameter = "{" + name + "}";
            if (!path.Contains(parameter, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{Name}'s route {Route} has no parameter {name}.");
            }

            path = path.Replace(parameter, value, StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>Whether a described path is this route, with its parameters given any values.</summary>
    public bool Matches(string path) =>
        new System.Text.RegularExpressions.Regex("^" + Parameter.Replace(System.Text.RegularExpressions.Regex.Escape(Path).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "$").IsMatch(path);

    private static readonly System.Text.RegularExpressions.Regex Constraint = new(@"\{([^}:?]+)[^}]*\}");

    private static readonly System.Text.RegularExpressions.Regex Parameter = new(@"\{[^}]+\}");

    /// <summary>Public: callable without a host key. Only these are in the document.</summary>
    public bool IsPublic => AuthorizationLevel == AuthorizationLevel.Anonymous;
}

/// <summary>
/// Every HTTP function of the app, read from its <c>[Function]</c> and <c>[HttpTrigger]</c> attributes: the
/// routes in the OpenAPI document come from here, so a route cannot be described under another path.
/// </summary>
internal static class HttpFunctions
{
    private static readonly Lazy<IReadOnlyDictionary<string, HttpFunction>> ByName = new(Discover);

    public static IReadOnlyCollection<HttpFunction> All => ByName.Value.Values.ToArray();

    public static HttpFunction Get(string name) =>
        ByName.Value.TryGetValue(name, out var function)
            ? function
            : throw new InvalidOperationException($"No HTTP-triggered function is named {name}.");

    private static Dictionary<string, HttpFunction> Discover()
    {
        var functions = new Dictionary<string, HttpFunction>(StringComparer.Ordinal);
        var methods = typeof(HttpFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));
        foreach (var method in methods)
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null);
            if (trigger is null)
            {
                continue;
            }

            var route = (trigger.Route ?? function.Name).Trim('/');
            var verbs = (trigger.Methods ?? ["GET", "POST", "PUT", "PATCH", "DELETE"]).Select(m => m.ToUpperInvariant()).ToArray();
            functions.Add(function.Name, new HttpFunction(function.Name, route, verbs, trigger.AuthLevel));
        }

        return functions;
    }
}
