using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthOracle.Infra.Tests.TestSupport;

/// <summary>
/// One ARM template: main.json, or a module's template inlined in a Microsoft.Resources/deployments
/// resource (with the parameter values the parent passes it).
/// </summary>
internal sealed partial record ArmTemplate(string Path, JsonObject Json, JsonObject? Parameters)
{
    public IEnumerable<JsonObject> Resources => Json["resources"] switch
    {
        JsonArray array => array.Select(node => node!.AsObject()),
        JsonObject symbolic => symbolic.Select(pair => pair.Value!.AsObject()),
        _ => [],
    };

    public IEnumerable<(string Name, JsonObject Definition)> ParameterDefinitions =>
        (Json["parameters"]?.AsObject() ?? []).Select(pair => (pair.Key, pair.Value!.AsObject()));

    public IEnumerable<(string Name, JsonObject Definition)> Outputs =>
        (Json["outputs"]?.AsObject() ?? []).Select(pair => (pair.Key, pair.Value!.AsObject()));

    /// <summary>This template and every module under it, depth first.</summary>
    public IEnumerable<ArmTemplate> SelfAndModules()
    {
        yield return this;
        foreach (var module in Modules)
        {
            foreach (var nested in module.SelfAndModules())
            {
                yield return nested;
            }
        }
    }

    public IEnumerable<ArmTemplate> Modules =>
        Resources.Where(resource => Type(resource) == "Microsoft.Resources/deployments")
            .Select(resource => new ArmTemplate(
                Path + "/" + resource["name"]!.GetValue<string>(),
                resource["properties"]!["template"]!.AsObject(),
                resource["properties"]!["parameters"]?.AsObject()));

    public ArmTemplate Module(string name) =>
        Modules.Single(module => module.Path == Path + "/" + name);

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(resource => string.Equals(Type(resource), type, StringComparison.OrdinalIgnoreCase));

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The value expression the parent passes for a module parameter; for a value chosen by a condition,
    /// the whole expression (Bicep compiles it to <c>[if(..., createObject('value', ...), ...)]</c>).
    /// </summary>
    public string PassedValue(string parameter) => Parameters?[parameter] switch
    {
        JsonObject passed when passed["value"] is { } value => Text(value),
        JsonValue expression when expression.TryGetValue<string>(out var text) => text,
        _ => throw new KeyNotFoundException(Path + " gets no " + parameter),
    };

    /// <summary>A string as it is; anything else as JSON with quotes left readable.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(Readable),
    };

    /// <summary>The literal value of a variable of this template that an expression names.</summary>
    public string? VariableIn(string expression) =>
        VariableReference().Match(expression) is { Success: true } match
            ? Json["variables"]?[match.Groups[1].Value]?.GetValue<string>()
            : null;

    public static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();
}
