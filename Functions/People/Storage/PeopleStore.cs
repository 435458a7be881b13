using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using HealthOracle.Functions.Identity;

namespace HealthOracle.Functions.People.Storage;

/// <summary>
/// Everything the app stores about a person, always inside that person's partition: a caller can only
/// ever name rows under their own <see cref="Caller.PersonKey"/>, so another person's id is simply not
/// there. Every write is one entity or one entity-group transaction (all or nothing).
/// </summary>
internal sealed class PeopleStore(PeopleTable table, TimeProvider time)
{
    /// <summary>Entity-group transactions hold at most 100 operations.</summary>
    private const int MaxBatch = 100;

    public async Task<ProfileEntity?> GetProfileAsync(Caller caller, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var found = await GuardAsync(() => client.GetEntityIfExistsAsync<ProfileEntity>(caller.PersonKey, RowKeys.Profile, cancellationToken: cancellationToken), cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<ProfileEntity> PutProfileAsync(Caller caller, string? dateOfBirth, string? sex, string? bloodGroup, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var profile = new ProfileEntity
        {
            PartitionKey = caller.PersonKey, DateOfBirth = dateOfBirth, Sex = sex, BloodGroup = bloodGroup, UpdatedAt = time.GetUtcNow(),
        };
        await GuardAsync(() => client.UpsertEntityAsync(profile, TableUpdateMode.Replace, cancellationToken), cancellationToken);
        return profile;
    }

    /// <summary>Saves one answer under a new id (an insert: a clash of ids, never expected, is retried with another).</summary>
    public async Task<PredictionEntity> SavePredictionAsync(Caller caller, PredictionEntity prediction, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        prediction.PartitionKey = caller.PersonKey;
        for (var attempt = 0; ; attempt++)
        {
            prediction.SavedAt = time.GetUtcNow();
            prediction.RowKey = RowKeys.Prediction(NewId(prediction.SavedAt));
            try
            {
                await GuardAsync(() => client.AddEntityAsync(prediction, cancellationToken), cancellationToken);
                return prediction;
            }
            catch (PeopleStoreUnavailableException e) when (attempt < 2 && e.InnerException is RequestFailedException { Status: 409 })
            {
                // Same tick and same random suffix: take another id.
            }
        }
    }

    /// <summary>Newest first, after <paramref name="after"/> (an id), optionally one disease; one more is read to know whether there are more.</summary>
    public async Task<(IReadOnlyList<PredictionEntity> Items, bool More)> ListAsync(
        Caller caller, string? disease, string? after, int pageSize, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var from = after is null ? RowKeys.PredictionPrefix : RowKeys.Prediction(after);
        var to = RowKeys.EndOf(RowKeys.PredictionPrefix);
        var filter = disease is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {caller.PersonKey} and RowKey gt {from} and RowKey lt {to}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {caller.PersonKey} and RowKey gt {from} and RowKey lt {to} and Disease eq {disease}");
        var items = new List<PredictionEntity>(pageSize + 1);
        await GuardAsync(async () =>
        {
            await foreach (var entity in client.QueryAsync<PredictionEntity>(filter, maxPerPage: pageSize + 1, select: PredictionEntity.SummaryColumns, cancellationToken: cancellationToken))
            {
                items.Add(entity);
                if (items.Count > pageSize)
                {
                    break;
                }
            }

            return items;
        }, cancellationToken);

        var more = items.Count > pageSize;
        return (more ? items[..pageSize] : items, more);
    }

    public async Task<(PredictionEntity Prediction, IReadOnlyList<SuggestionEntity> Suggestions)?> GetPredictionAsync(
        Caller caller, string id, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var found = await GuardAsync(() => client.GetEntityIfExistsAsync<PredictionEntity>(caller.PersonKey, RowKeys.Prediction(id), cancellationToken: cancellationToken), cancellationToken);
        if (!found.HasValue || found.Value is null)
        {
            return null;
        }

        return (found.Value, await SuggestionsAsync(client, caller.PersonKey, RowKeys.SuggestionsOf(id), cancellationToken));
    }

    /// <summary>Removes a prediction and its suggestions in one transaction; false when there was no such prediction.</summary>
    public async Task<bool> DeletePredictionAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var found = await GuardAsync(() => client.GetEntityIfExistsAsync<TableEntity>(caller.PersonKey, RowKeys.Prediction(id), ["PartitionKey", "RowKey"], cancellationToken), cancellationToken);
        if (!found.HasValue || found.Value is null)
        {
            return false;
        }

        var suggestions = await SuggestionsAsync(client, caller.PersonKey, RowKeys.SuggestionsOf(id), cancellationToken);
        var actions = suggestions.Select(s => new TableTransactionAction(TableTransactionActionType.Delete, s, ETag.All))
            .Prepend(new TableTransactionAction(TableTransactionActionType.Delete, found.Value, ETag.All))
            .ToList();
        try
        {
            await GuardAsync(() => client.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
            return true;
        }
        catch (PeopleStoreUnavailableException e) when (e.InnerException is TableTransactionFailedException { Status: 404 })
        {
            // Deleted meanwhile by another call: gone either way.
            return false;
        }
    }

    /// <summary>
    /// Replaces the suggestions saved with a prediction, in one transaction that also stamps the prediction
    /// (so suggestions are never saved beside a prediction that was deleted meanwhile). False: no such prediction.
    /// </summary>
    public async Task<IReadOnlyList<SuggestionEntity>?> SaveSuggestionsAsync(Caller caller, string id, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var old = await SuggestionsAsync(client, caller.PersonKey, RowKeys.SuggestionsOf(id), cancellationToken);
        var now = time.GetUtcNow();
        var saved = texts.Select((text, i) => new SuggestionEntity
        {
            PartitionKey = caller.PersonKey, RowKey = RowKeys.Suggestion(id, i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)),
            Text = text, Read = false, SavedAt = now,
        }).ToList();
        var stamp = new TableEntity(caller.PersonKey, RowKeys.Prediction(id)) { [nameof(PredictionEntity.SuggestionsAt)] = now };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, stamp, ETag.All) };
        actions.AddRange(old.Where(o => saved.All(s => s.RowKey != o.RowKey)).Select(o => new TableTransactionAction(TableTransactionActionType.Delete, o, ETag.All)));
        actions.AddRange(saved.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, s)));
        try
        {
            await GuardAsync(() => client.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
            return saved;
        }
        catch (PeopleStoreUnavailableException e) when (e.InnerException is TableTransactionFailedException { Status: 404 })
        {
            return null;
        }
    }

    /// <summary>Sets one saved suggestion's read flag; null when there is no such suggestion.</summary>
    public async Task<SuggestionEntity?> MarkSuggestionAsync(Caller caller, string id, string suggestionId, bool read, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var found = await GuardAsync(() => client.GetEntityIfExistsAsync<SuggestionEntity>(caller.PersonKey, RowKeys.Suggestion(id, suggestionId), cancellationToken: cancellationToken), cancellationToken);
        if (!found.HasValue || found.Value is not { } suggestion)
        {
            return null;
        }

        suggestion.Read = read;
        try
        {
            // Only if it is still there: a suggestion deleted meanwhile is not brought back.
            await GuardAsync(() => client.UpdateEntityAsync(suggestion, ETag.All, TableUpdateMode.Merge, cancellationToken), cancellationToken);
            return suggestion;
        }
        catch (PeopleStoreUnavailableException e) when (e.InnerException is RequestFailedException { Status: 404 })
        {
            return null;
        }
    }

    /// <summary>Every row of the person: the profile, the predictions (newest first) and their suggestions.</summary>
    public async Task<(ProfileEntity? Profile, IReadOnlyList<PredictionEntity> Predictions, IReadOnlyList<SuggestionEntity> Suggestions)> ReadAllAsync(
        Caller caller, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var profile = await GetProfileAsync(caller, cancellationToken);
        var predictions = await QueryAsync<PredictionEntity>(client, caller.PersonKey, RowKeys.PredictionPrefix, cancellationToken);
        var suggestions = await SuggestionsAsync(client, caller.PersonKey, RowKeys.SuggestionPrefix, cancellationToken);
        return (profile, predictions, suggestions);
    }

    /// <summary>Deletes every row of the person, in transactions of up to 100; returns how many. Repeating it after a failure finishes the job.</summary>
    public async Task<int> EraseAsync(Caller caller, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caller.PersonKey}");
        var rows = await GuardAsync(async () =>
        {
            var keys = new List<TableEntity>();
            await foreach (var row in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                keys.Add(row);
            }

            return keys;
        }, cancellationToken);

        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            var actions = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)).ToList();
            await GuardAsync(() => client.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
        }

        return rows.Count;
    }

    /// <summary>An id that sorts newest first: inverted ticks (19 digits) and 8 random hex digits.</summary>
    public static string NewId(DateTimeOffset at) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The shape of every id <see cref="NewId"/> makes; anything else names no prediction.</summary>
    public static bool IsId(string? id) =>
        id is { Length: 27 } && id.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0 && id.AsSpan(19).IndexOfAnyExcept("0123456789abcdef") < 0;

    private static async Task<IReadOnlyList<SuggestionEntity>> SuggestionsAsync(TableClient client, string person, string prefix, CancellationToken cancellationToken) =>
        await QueryAsync<SuggestionEntity>(client, person, prefix, cancellationToken);

    private static Task<List<T>> QueryAsync<T>(TableClient client, string person, string prefix, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {person} and RowKey ge {prefix} and RowKey lt {RowKeys.EndOf(prefix)}");
        return GuardAsync(async () =>
        {
            var items = new List<T>();
            await foreach (var entity in client.QueryAsync<T>(filter, cancellationToken: cancellationToken))
            {
                items.Add(entity);
            }

            return items;
        }, cancellationToken);
    }

    /// <summary>Turns the storage client's failures into <see cref="PeopleStoreUnavailableException"/>; the caller's own cancellation passes.</summary>
    internal static async Task<T> GuardAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException e)
        {
            throw new PeopleStoreUnavailableException(e.Status == 0 ? PeopleStoreFailure.Unreachable : PeopleStoreFailure.Refused, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is RequestFailedException or HttpRequestException))
        {
            throw new PeopleStoreUnavailableException(PeopleStoreFailure.Unreachable, e);
        }
        catch (HttpRequestException e)
        {
            throw new PeopleStoreUnavailableException(PeopleStoreFailure.Unreachable, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PeopleStoreUnavailableException(PeopleStoreFailure.Unreachable, e);
        }
    }
}
