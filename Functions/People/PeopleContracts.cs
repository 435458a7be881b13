using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.People;

/// <summary><c>GET /api/me</c>: who is signed in (as the platform says; the name is never stored) and the profile, or null.</summary>
internal sealed record MeResponse(string IdentityProvider, string UserId, string? Name, ProfileView? Profile);

/// <summary>A profile as answered: <see cref="Age"/> is whole years today (UTC), from the date of birth.</summary>
internal sealed record ProfileView(string? DateOfBirth, int? Age, string? Sex, string? BloodGroup, DateTimeOffset UpdatedAt);

/// <summary><c>PUT /api/me/profile</c>: every field optional; a missing or null field is cleared.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ProfileRequest(string? DateOfBirth, string? Sex, string? BloodGroup);

/// <summary>One saved prediction in a listing (no inputs), with its 95% range (null for a model without ranges).</summary>
internal sealed record PredictionSummary(
    string Id, string Disease, double RiskPercentage, double Probability, string Category, SummaryModel Model, DateTimeOffset SavedAt, bool HasSuggestions,
    Models.RiskInterval? Interval = null);

internal sealed record SummaryModel(string Name, string Version, bool Synthetic);

/// <summary><c>GET /api/me/predictions</c>: newest first; pass <see cref="Continuation"/> back for the next page (null: no more).</summary>
internal sealed record PredictionPage(IReadOnlyList<PredictionSummary> Items, string? Continuation);

/// <summary>
/// One saved prediction: the answer as the person received it, the suggestions saved with it, and the unit each lab value
/// was typed in where it was not the field's own (field name → unit; <c>{}</c> when none was; left out for results saved
/// before units were kept): the answer's <c>inputs</c> are in the fields' units.
/// </summary>
internal sealed record SavedPrediction(
    string Id, DateTimeOffset SavedAt, JsonElement Prediction, IReadOnlyList<SavedSuggestion> Suggestions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? TypedUnits = null);

internal sealed record SavedSuggestion(string Id, string Text, bool Read);

/// <summary><c>PATCH /api/me/predictions/{id}/suggestions/{suggestionId}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SuggestionUpdate(bool? Read);

/// <summary><c>GET /api/me/export</c>: everything stored about the caller, as one document.</summary>
internal sealed record ExportDocument(string Format, DateTimeOffset ExportedAt, ExportAccount Account, ProfileView? Profile, IReadOnlyList<SavedPrediction> Predictions);

internal sealed record ExportAccount(string IdentityProvider, string UserId, string? Name, string Note);

/// <summary>DELETE /api/me that ran out of time: how many rows it erased, and that more remain.</summary>
internal sealed record EraseProgress(int Erased, bool Finished, string Detail);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(ProfileView))]
[JsonSerializable(typeof(ProfileRequest))]
[JsonSerializable(typeof(PredictionPage))]
[JsonSerializable(typeof(SavedPrediction))]
[JsonSerializable(typeof(SavedSuggestion))]
[JsonSerializable(typeof(SuggestionUpdate))]
[JsonSerializable(typeof(ExportDocument))]
[JsonSerializable(typeof(HistoryNote))]
[JsonSerializable(typeof(EraseProgress))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class PeopleJsonContext : JsonSerializerContext;
