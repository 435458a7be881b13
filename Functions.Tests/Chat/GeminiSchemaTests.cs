using System.Text.Json;
using HealthOracle.Functions.Chat.Gemini;

namespace HealthOracle.Functions.Tests.Chat;

public sealed class GeminiSchemaTests
{
    [Fact]
    public void FromJsonSchema_JsonSchema_BecomesGeminiSubset()
    {
        var schema = JsonDocument.Parse("""
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": false,
              "properties": { "note": { "type": ["string", "null"], "description": "A note." },
                              "level": { "type": "string", "enum": ["low", "high"] } },
              "required": ["level"] }
            """).RootElement;

        var gemini = GeminiSchema.FromJsonSchema(schema);

        Assert.Equal(
            """{"type":"OBJECT","properties":{"note":{"type":"STRING","nullable":true,"description":"A note."},"level":{"type":"STRING","enum":["low","high"]}},"required":["level"]}""",
            gemini.GetRawText());
    }
}
