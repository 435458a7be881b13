using System.Text.Json.Nodes;

namespace HealthOracle.Functions.OpenApi;

/// <summary>Small edits to an exported schema, for <see cref="ApiSchemas.Refine{T}"/>.</summary>
internal static class SchemaEdits
{
    /// <summary>Marks properties required (a request's validator refuses it without them).</summary>
    public static JsonObject Require(this JsonObject schema, params string[] names)
    {
        var required = schema["required"] as JsonArray ?? [];
        foreach (var name in names.Where(n => !required.Any(r => r?.GetValue<string>() == n)))
        {
            required.Add(name);
        }

        schema["required"] = required;
        return schema;
    }

    /// <summary>The schema of one property; throws when the type has no such property (a renamed field must not go unnoticed).</summary>
    public static JsonObject Property(this JsonObject schema, string name) =>
        schema["properties"]?[name] as JsonObject ?? throw new InvalidOperationException($"The schema has no property {name}.");

    /// <summary>Drops <c>null</c> from the property's types: the validator refuses a null.</summary>
    public static JsonObject NotNull(this JsonObject property)
    {
        if (property["type"] is JsonArray types)
        {
            var remaining = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToArray();
            property["type"] = remaining.Length == 1 ? remaining[0] : new JsonArray(remaining.Select(t => (JsonNode)t).ToArray());
        }
        else if (property["anyOf"] is JsonArray alternatives && alternatives.Count == 2 && alternatives[1]?["type"]?.GetValue<string>() == "null")
        {
            var reference = alternatives[0]!.DeepClone().AsObject();
            property.Remove("anyOf");
            foreach (var (key, value) in reference)
            {
                property[key] = value?.DeepClone();
            }
        }

        return property;
    }

    /// <summary>Sets keywords on the schema (bounds, enums, descriptions) and answers it.</summary>
    public static JsonObject With(this JsonObject schema, string keyword, JsonNode? value)
    {
        schema[keyword] = value;
        return schema;
    }
}
