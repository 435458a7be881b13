using System.Text.Json;

namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>
/// Turns a JSON Schema (what <c>ChatResponseFormat.ForJsonSchema</c> carries) into Gemini's
/// <c>responseSchema</c>, an OpenAPI subset: upper-case types, nullable instead of type unions, and only
/// the keywords Gemini accepts.
/// </summary>
internal static class GeminiSchema
{
    private static readonly HashSet<string> CopiedKeywords =
        ["description", "enum", "format", "minItems", "maxItems", "minimum", "maximum", "required", "nullable"];

    public static JsonElement FromJsonSchema(JsonElement schema)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(schema, writer);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static void Write(JsonElement schema, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var property in schema.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type":
                    WriteType(property.Value, writer);
                    break;
                case "items":
                    writer.WritePropertyName("items");
                    Write(property.Value, writer);
                    break;
                case "properties":
                    writer.WriteStartObject("properties");
                    foreach (var child in property.Value.EnumerateObject())
                    {
                        writer.WritePropertyName(child.Name);
                        Write(child.Value, writer);
                    }

                    writer.WriteEndObject();
                    break;
                case var name when CopiedKeywords.Contains(name):
                    property.WriteTo(writer);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteType(JsonElement type, Utf8JsonWriter writer)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            writer.WriteString("type", type.GetString()!.ToUpperInvariant());
            return;
        }

        // ["string", "null"] becomes type STRING, nullable true.
        var types = type.EnumerateArray().Select(t => t.GetString()!).ToList();
        writer.WriteString("type", types.First(t => t != "null").ToUpperInvariant());
        if (types.Contains("null"))
        {
            writer.WriteBoolean("nullable", true);
        }
    }
}
