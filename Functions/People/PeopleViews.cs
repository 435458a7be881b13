using System.Text.Json;
using HealthOracle.Functions.People.Profile;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.People;

/// <summary>Stored rows as the API answers them.</summary>
internal static class PeopleViews
{
    public static ProfileView? Profile(ProfileEntity? profile, DateOnly today) => profile is null
        ? null
        : new ProfileView(profile.DateOfBirth, ProfileRules.AgeOn(profile.DateOfBirth, today), profile.Sex, profile.BloodGroup, profile.UpdatedAt);

    public static PredictionSummary Summary(PredictionEntity p) => new(
        p.Id, p.Disease, p.RiskPercentage, p.Probability, p.Category, new SummaryModel(p.ModelName, p.ModelVersion, p.Synthetic), p.SavedAt, p.SuggestionsAt is not null,
        p.Interval is null ? null : JsonSerializer.Deserialize(p.Interval, PredictionJsonContext.Default.RiskInterval));

    public static SavedPrediction Saved(PredictionEntity p, IEnumerable<SuggestionEntity> suggestions)
    {
        using var answer = JsonDocument.Parse(p.Answer);
        return new SavedPrediction(p.Id, p.SavedAt, answer.RootElement.Clone(),
            [.. suggestions.OrderBy(s => s.RowKey, StringComparer.Ordinal).Select(Suggestion)], TypedUnits(p));
    }

    /// <summary>The units a saved prediction's values were typed in where not the field's own (null: saved before they were kept).</summary>
    public static IReadOnlyDictionary<string, string>? TypedUnits(PredictionEntity p) =>
        p.TypedUnits is { Length: > 0 } json ? JsonSerializer.Deserialize(json, PeopleJsonContext.Default.IReadOnlyDictionaryStringString) : null;

    public static SavedSuggestion Suggestion(SuggestionEntity s) => new(s.Id, s.Text, s.Read);
}
