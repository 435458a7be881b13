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
    /// <summary>The path in the OpenAPI document, relative to the <c>/api</c> server: <c>/predict/heart</c>.</summary>
    public string Path => "/" + Route;

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
