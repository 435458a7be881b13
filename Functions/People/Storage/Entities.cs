using Azure;
using Azure.Data.Tables;

namespace HealthOracle.Functions.People.Storage;

/// <summary>
/// The rows of one person's partition (PartitionKey = <see cref="Identity.PersonKey"/>): the profile,
/// <c>count</c> (how many predictions are saved, for the history's cap), <c>p|{id}</c> per saved prediction,
/// <c>s|{id}|{nn}</c> per saved suggestion and <c>k|{SHA-256 of the key}</c> per <c>Idempotency-Key</c> of a save.
/// Prediction ids start with inverted ticks, so a partition lists newest first.
/// </summary>
internal static class RowKeys
{
    public const string Profile = "profile";
    public const string Count = "count";
    public const string PredictionPrefix = "p|";
    public const string SuggestionPrefix = "s|";
    public const string IdempotencyPrefix = "k|";

    public static string Idempotency(string keyHash) => IdempotencyPrefix + keyHash;

    public static string Prediction(string id) => PredictionPrefix + id;

    public static string SuggestionsOf(string predictionId) => $"{SuggestionPrefix}{predictionId}|";

    public static string Suggestion(string predictionId, string suggestionId) => SuggestionsOf(predictionId) + suggestionId;

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> ('|' + 1 is '}').</summary>
    public static string EndOf(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}

internal sealed class ProfileEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = RowKeys.Profile;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>yyyy-MM-dd, or null.</summary>
    public string? DateOfBirth { get; set; }

    public string? Sex { get; set; }

    public string? BloodGroup { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PredictionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Disease { get; set; } = "";

    public double Probability { get; set; }

    public double RiskPercentage { get; set; }

    public string Category { get; set; } = "";

    public string ModelName { get; set; } = "";

    public string ModelVersion { get; set; } = "";

    public string ModelSha256 { get; set; } = "";

    public bool Synthetic { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The answer's 95% range (<c>interval</c>, JSON), so that a listing shows it beside the percentage; null for a model without ranges.</summary>
    public string? Interval { get; set; }

    /// <summary>The prediction answer exactly as the person received it (JSON), inputs included.</summary>
    public string Answer { get; set; } = "{}";

    /// <summary>
    /// The unit each lab value was typed in where it was not the field's own (JSON, field name → unit, as the schema's
    /// <c>{field}.unit</c> names it), so that the saved result shows the value as typed; <c>{}</c> when every value was in
    /// its field's unit, null for results saved before units were kept.
    /// </summary>
    public string? TypedUnits { get; set; }

    /// <summary>When suggestions were last saved with it, or null.</summary>
    public DateTimeOffset? SuggestionsAt { get; set; }

    public string Id => RowKey[RowKeys.PredictionPrefix.Length..];

    /// <summary>The columns a listing reads (the answer, with the inputs, stays behind).</summary>
    public static readonly string[] SummaryColumns =
        ["RowKey", nameof(Disease), nameof(Probability), nameof(RiskPercentage), nameof(Category), nameof(ModelName), nameof(ModelVersion), nameof(Synthetic), nameof(SavedAt), nameof(Interval), nameof(SuggestionsAt)];
}

internal sealed class SuggestionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Text { get; set; } = "";

    public bool Read { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public string Id => RowKey[(RowKey.LastIndexOf('|') + 1)..];

    public string PredictionId => RowKey.Split('|')[1];
}

/// <summary>How many predictions the person has saved: changed in the same transaction as every save and delete.</summary>
internal sealed class CountEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = RowKeys.Count;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Predictions { get; set; }
}

/// <summary>
/// One <c>Idempotency-Key</c> of a save, in the person's partition (so erasing the person erases it): the request it
/// was first used for (<see cref="Fingerprint"/>, a hash) and, once that request saved, the prediction it saved.
/// Neither the key nor any value is stored.
/// </summary>
internal sealed class IdempotencyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The SHA-256 of the first request's disease, options and values (<c>RequestedPredictions.Fingerprint</c>).</summary>
    public string Fingerprint { get; set; } = "";

    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>The prediction the first request saved; null while it is being answered.</summary>
    public string? PredictionId { get; set; }
}
