using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthOracle.Functions.Fhir.CdsHooks;

/// <summary>The discovery answer (CDS Hooks 2.0 §Discovery): one service per disease.</summary>
internal sealed record CdsServices(IReadOnlyList<CdsService> Services);

/// <summary>One CDS Service: the hook it answers, its id (the disease key) and the FHIR queries it wants prefetched.</summary>
internal sealed record CdsService(string Hook, string Title, string Description, string Id, IReadOnlyDictionary<string, string> Prefetch)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UsageRequirements { get; init; }
}

/// <summary>The answer to a hook call: the cards to show.</summary>
internal sealed record CdsResponse(IReadOnlyList<CdsCard> Cards);

/// <summary>A card (CDS Hooks 2.0 §Card Attributes).</summary>
internal sealed record CdsCard(string Uuid, string Summary, string Indicator, CdsSource Source)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CdsSuggestion>? Suggestions { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SelectionBehavior { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CdsLink>? Links { get; init; }
}

internal sealed record CdsSource(string Label)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }
}

internal sealed record CdsLink(string Label, string Url, string Type);

internal sealed record CdsSuggestion(string Label, string Uuid, IReadOnlyList<CdsAction> Actions);

/// <summary>A suggestion's action: <c>create</c> with the FHIR resource to create.</summary>
internal sealed record CdsAction(string Type, string Description, JsonElement Resource);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CdsServices))]
[JsonSerializable(typeof(CdsResponse))]
internal sealed partial class CdsJsonContext : JsonSerializerContext;
