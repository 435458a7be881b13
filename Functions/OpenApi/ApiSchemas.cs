using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// The document's <c>components/schemas</c>. A request or answer type's schema is exported with
/// <see cref="JsonSchemaExporter"/> from the same serializer metadata (the feature's
/// <see cref="JsonSerializerContext"/>, or the HTTP JSON options) that reads or writes it on the wire, so a
/// field added to a record appears in the document by itself. Each record type becomes one named
/// component, referenced wherever it is nested; hand-made schemas (a disease's patient) are added by name.
/// </summary>
internal sealed class ApiSchemas(JsonSerializerOptions httpJson)
{
    private readonly SortedDictionary<string, JsonNode> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Type Type, bool Answer)> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<JsonSerializerOptions, JsonSerializerOptions> _strict = [];
    private readonly Dictionary<Type, Action<JsonObject>> _refinements = [];

    public IReadOnlyDictionary<string, JsonNode> Components => _components;

    /// <summary>The schema of an answer written with <paramref name="typeInfo"/>: every property that is always written is required.</summary>
    public JsonNode Answer(JsonTypeInfo typeInfo) => Export(typeInfo.Type, typeInfo.Options, answer: true);

    /// <summary>The schema of an answer written with the HTTP JSON options (<c>TypedResults.Ok(value)</c>).</summary>
    public JsonNode Answer<T>() => Export(typeof(T), httpJson, answer: true);

    /// <summary>The schema of a request body read with <paramref name="typeInfo"/>; what is required is for the description to say.</summary>
    public JsonNode Request(JsonTypeInfo typeInfo) => Export(typeInfo.Type, typeInfo.Options, answer: false);

    /// <summary>
    /// What the serializer metadata cannot know, said once for a type before it is first exported: which request
    /// fields are required, their bounds (from the validator's limits), their allowed values.
    /// </summary>
    public void Refine<T>(Action<JsonObject> refine) => _refinements[typeof(T)] = refine;

    /// <summary>A hand-made component, built once under <paramref name="name"/>; answers its <c>$ref</c>.</summary>
    public JsonObject Named(string name, Func<JsonObject> build)
    {
        if (!_components.ContainsKey(name))
        {
            _components[name] = build();
        }

        return Reference(name);
    }

    public static JsonObject Reference(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private JsonNode Export(Type type, JsonSerializerOptions options, bool answer)
    {
        var strict = Strict(options);
        var typeInfo = strict.GetTypeInfo(type);
        return IsComponent(typeInfo) ? Component(typeInfo, answer) : Generate(typeInfo, answer);
    }

    private JsonObject Component(JsonTypeInfo typeInfo, bool answer)
    {
        var name = typeInfo.Type.Name;
        if (_owners.TryGetValue(name, out var owner))
        {
            if (owner.Type != typeInfo.Type || owner.Answer != answer)
            {
                throw new InvalidOperationException(
                    $"Two schemas would be named {name}: {owner.Type.FullName} ({Role(owner.Answer)}) and {typeInfo.Type.FullName} ({Role(answer)}). Rename one type.");
            }

            return Reference(name);
        }

        _owners[name] = (typeInfo.Type, answer);
        var schema = Generate(typeInfo, answer);
        if (answer && schema["properties"] is JsonObject properties)
        {
            var written = typeInfo.Properties.Where(p => p.Get is not null && p.ShouldSerialize is null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            schema["required"] = new JsonArray(properties.Select(p => p.Key).Where(written.Contains).Select(n => (JsonNode)n).ToArray());
        }
        else if (!answer && schema is JsonObject request)
        {
            // The exporter calls every constructor parameter required; what a request must carry is the validator's to say (Refine).
            request.Remove("required");
        }

        if (_refinements.TryGetValue(typeInfo.Type, out var refine))
        {
            refine(schema.AsObject());
        }

        _components[name] = schema;
        return Reference(name);
    }

    private JsonNode Generate(JsonTypeInfo typeInfo, bool answer)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) =>
            {
                // Any JSON (a JsonElement, e.g. a FHIR resource inside a CDS card) is the boolean schema `true`, which
                // JSON Schema allows but OpenAPI readers do not all read (Kiota's parser failed on it): `{}` says the same.
                if (schema.GetValueKind() == JsonValueKind.True)
                {
                    return new JsonObject();
                }

                // The root is this call's own schema; every record nested in it becomes a reference.
                if (context.Path.IsEmpty || context.BaseTypeInfo is not null || !IsComponent(context.TypeInfo))
                {
                    return schema;
                }

                var reference = Component(context.TypeInfo, answer);
                var nullable = schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");
                return nullable ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
            },
        };
        return JsonSchemaExporter.GetJsonSchemaAsNode(typeInfo, exporter);
    }

    /// <summary>Numbers as they are written: the web defaults' lenient reading of quoted numbers is not promised to callers.</summary>
    private JsonSerializerOptions Strict(JsonSerializerOptions options)
    {
        if (!_strict.TryGetValue(options, out var strict))
        {
            strict = new JsonSerializerOptions(options) { NumberHandling = JsonNumberHandling.Strict, RespectNullableAnnotations = true };
            strict.MakeReadOnly();
            _strict[options] = strict;
        }

        return strict;
    }

    private static bool IsComponent(JsonTypeInfo typeInfo) =>
        typeInfo.Kind == JsonTypeInfoKind.Object && typeInfo.Type.Assembly == typeof(ApiSchemas).Assembly;

    private static string Role(bool answer) => answer ? "an answer" : "a request";
}
