using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthOracle.Functions.Fhir;

/// <summary>
/// Firely's FHIR R4 JSON, made on the first FHIR call (its model inspector reflects over the whole R4 model: hundreds
/// of milliseconds that no prediction route pays). Parsing is strict: a resource that does not follow R4 is refused
/// with the parser's own words.
/// </summary>
internal static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly Lazy<JsonSerializerOptions> Options = new(() => new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector));

    public static Resource Parse(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<Resource>(json, Options.Value)
        ?? throw new JsonException("The body is JSON null, not a FHIR resource.");

    public static Resource Parse(JsonElement json) => json.Deserialize<Resource>(Options.Value)
        ?? throw new JsonException("The value is JSON null, not a FHIR resource.");

    public static byte[] Serialize(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Options.Value);

    public static JsonElement ToElement(Resource resource) => JsonSerializer.SerializeToElement(resource, Options.Value);
}
