using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.Idempotency;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.People.Storage;

/// <summary>
/// Everything the app stores about a person, always inside that person's partition: a caller can only
/// ever name rows under their own <see cref="Caller.PersonKey"/>, so another person's id is simply not
/// there. Every write is one entity or one entity-group transaction (all or nothing).
/// </summary>
internal sealed class PeopleStore(PeopleTable table, TimeProvider time, IOptions<HistoryBudgetOptions> budget, PersonLocks locks)
{
    /// <summary>Entity-group transactions hold at most 100 operations.</summary>
    private const int MaxBatch = 100;

    /// <summary>A save or delete whose count row changed meanwhile (another instance) reads it again, this many times.</summary>
    private const int MaxCountAttempts = 10;

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

    /// <summary>
    /// Saves one answer under a new id, within the person's <see cref="HistoryBudgetOptions"/>: one transaction inserts it
    /// and moves the count row on (so the count never drifts), after the count and the saves of the last minute were
    /// read. Throws <see cref="HistoryBudgetException"/> past the budget, with nothing written.
    /// </summary>
    /// <param name="keyHash">The save's <c>Idempotency-Key</c> (hashed), claimed by <see cref="ClaimKeyAsync"/>: marked with the saved id in the same transaction.</param>
    public async Task<PredictionEntity> SavePredictionAsync(Caller caller, PredictionEntity prediction, CancellationToken cancellationToken, string? keyHash = null)
    {
        var client = await table.GetAsync(cancellationToken);
        var limits = budget.Value;
        prediction.PartitionKey = caller.PersonKey;
        using var held = await locks.EnterAsync(caller.PersonKey, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var count = await ReadCountAsync(client, caller.PersonKey, cancellationToken);
            if (count.Predictions >= limits.MaxSavedPredictions)
            {
                throw HistoryBudgetException.Full(limits.MaxSavedPredictions);
            }

            var now = time.GetUtcNow();
            if (await RetryAfterBudgetAsync(client, caller.PersonKey, now, limits.SavesPerMinute, cancellationToken) is { } retryAfter)
            {
                throw HistoryBudgetException.TooFast(limits.SavesPerMinute, retryAfter);
            }

            prediction.SavedAt = now;
            prediction.RowKey = RowKeys.Prediction(NewId(now));
            try
            {
                List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, prediction), CountChange(count, +1)];
                if (keyHash is not null)
                {
                    var key = new TableEntity(caller.PersonKey, RowKeys.Idempotency(keyHash)) { [nameof(IdempotencyEntity.PredictionId)] = prediction.Id };
                    actions.Add(new(TableTransactionActionType.UpdateMerge, key, ETag.All));
                }

                await GuardAsync(() => client.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
                return prediction;
            }
            catch (PeopleStoreUnavailableException e) when (attempt < MaxCountAttempts && IsConflict(e))
            {
                // The count changed on another instance (or, never expected, the same id): read it again.
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Claims a save's <c>Idempotency-Key</c> (hashed) for the request with <paramref name="fingerprint"/>: null when it is now
    /// this request's (new, expired, abandoned by a request that never finished, or <paramref name="takeOver"/>); else the id
    /// the same request saved before. Throws <see cref="IdempotencyKeyException"/> when the key belongs to a request still
    /// being answered (409) or to another request (422). One row per key in the person's partition, inserted or replaced
    /// only if unchanged since read: two requests never both claim it.
    /// </summary>
    public async Task<string?> ClaimKeyAsync(Caller caller, string keyHash, string fingerprint, bool takeOver, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var claim = new IdempotencyEntity { PartitionKey = caller.PersonKey, RowKey = RowKeys.Idempotency(keyHash), Fingerprint = fingerprint, ClaimedAt = now };
            var found = await GuardAsync(() => client.GetEntityIfExistsAsync<IdempotencyEntity>(caller.PersonKey, claim.RowKey, cancellationToken: cancellationToken), cancellationToken);
            var existing = found.HasValue ? found.Value : null;
            if (existing is not null && !takeOver && now - existing.ClaimedAt < IdempotencyWindow.Kept
                && (existing.PredictionId is not null || now - existing.ClaimedAt < IdempotencyWindow.InFlight))
            {
                if (!string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
                {
                    throw new IdempotencyKeyException(ProblemTypes.IdempotencyKeyReused);
                }

                return existing.PredictionId ?? throw new IdempotencyKeyException(ProblemTypes.IdempotencyKeyInUse);
            }

            try
            {
                await GuardAsync(() => existing is null
                    ? client.AddEntityAsync(claim, cancellationToken)
                    : client.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken), cancellationToken);
                return null;
            }
            catch (PeopleStoreUnavailableException e) when (attempt < MaxCountAttempts && IsConflict(e))
            {
                // Claimed meanwhile by another request: read it again (it is then in use, or another request's).
                takeOver = false;
            }
        }
    }

    /// <summary>Gives a claimed key back after a save that did not happen, so that a retry is answered anew; best effort (else it is taken over after <see cref="IdempotencyWindow.InFlight"/>).</summary>
    public async Task ReleaseKeyAsync(Caller caller, string keyHash, CancellationToken cancellationToken)
    {
        try
        {
            var client = await table.GetAsync(cancellationToken);
            await GuardAsync(() => client.DeleteEntityAsync(caller.PersonKey, RowKeys.Idempotency(keyHash), ETag.All, cancellationToken), cancellationToken);
        }
        catch (PeopleStoreUnavailableException)
        {
            // Left claimed: after IdempotencyWindow.InFlight a retry takes it over.
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

    /// <summary>Removes a prediction and its suggestions in one transaction (which also moves the count row back); false when there was no such prediction.</summary>
    public async Task<bool> DeletePredictionAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        using var held = await locks.EnterAsync(caller.PersonKey, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var found = await GuardAsync(() => client.GetEntityIfExistsAsync<TableEntity>(caller.PersonKey, RowKeys.Prediction(id), ["PartitionKey", "RowKey"], cancellationToken), cancellationToken);
            if (!found.HasValue || found.Value is null)
            {
                return false;
            }

            var count = await ReadCountAsync(client, caller.PersonKey, cancellationToken);
            var suggestions = await SuggestionsAsync(client, caller.PersonKey, RowKeys.SuggestionsOf(id), cancellationToken);
            var actions = suggestions.Select(s => new TableTransactionAction(TableTransactionActionType.Delete, s, ETag.All))
                .Prepend(new TableTransactionAction(TableTransactionActionType.Delete, found.Value, ETag.All))
                .Append(CountChange(count, -1))
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
            catch (PeopleStoreUnavailableException e) when (attempt < MaxCountAttempts && IsConflict(e))
            {
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), cancellationToken);
            }
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

    /// <summary>
    /// The saved predictions, newest first, a page at a time with the suggestions of that page's predictions: what an
    /// export streams, holding one page in memory however long the history is.
    /// </summary>
    public async IAsyncEnumerable<(IReadOnlyList<PredictionEntity> Predictions, ILookup<string, SuggestionEntity> Suggestions)> PredictionPagesAsync(
        Caller caller, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {caller.PersonKey} and RowKey ge {RowKeys.PredictionPrefix} and RowKey lt {RowKeys.EndOf(RowKeys.PredictionPrefix)}");
        var pages = client.QueryAsync<PredictionEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(pageSizeHint: pageSize);
        await using var page = pages.GetAsyncEnumerator(cancellationToken);
        while (await GuardAsync(async () => await page.MoveNextAsync(), cancellationToken))
        {
            var predictions = page.Current.Values;
            if (predictions.Count == 0)
            {
                continue;
            }

            // The page's suggestions are one key range: s|{first id}| up to the end of s|{last id}|.
            var suggestionsFilter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {caller.PersonKey} and RowKey ge {RowKeys.SuggestionsOf(predictions[0].Id)} and RowKey lt {RowKeys.EndOf(RowKeys.SuggestionsOf(predictions[^1].Id))}");
            var suggestions = await GuardAsync(async () =>
            {
                var found = new List<SuggestionEntity>();
                await foreach (var suggestion in client.QueryAsync<SuggestionEntity>(suggestionsFilter, cancellationToken: cancellationToken))
                {
                    found.Add(suggestion);
                }

                return found;
            }, cancellationToken);
            yield return (predictions, suggestions.ToLookup(s => s.PredictionId, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Deletes rows of the person, a page of keys at a time in parallel transactions of up to 100, until none is left
    /// or <paramref name="budget"/> has passed; answers how many and whether it finished. Calling it again goes on
    /// where it stopped (deleted rows are gone, nothing is read twice), so an erase of any size finishes. The count row
    /// sorts first and goes first, so a save meanwhile recounts what is left.
    /// </summary>
    public async Task<(int Erased, bool Finished)> EraseAsync(Caller caller, TimeSpan budget, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caller.PersonKey}");
        var started = time.GetTimestamp();
        var erased = 0;
        while (true)
        {
            var keys = await GuardAsync(async () =>
            {
                var page = new List<TableEntity>(1000);
                await foreach (var row in client.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
                {
                    page.Add(row);
                    if (page.Count == 1000)
                    {
                        break;
                    }
                }

                return page;
            }, cancellationToken);
            if (keys.Count == 0)
            {
                return (erased, true);
            }

            await Parallel.ForEachAsync(keys.Chunk(MaxBatch), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (chunk, token) =>
            {
                var actions = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)).ToList();
                try
                {
                    await GuardAsync(() => client.SubmitTransactionAsync(actions, token), token);
                }
                catch (PeopleStoreUnavailableException e) when (e.InnerException is TableTransactionFailedException { Status: 404 })
                {
                    // A row went meanwhile (deleted by another call); the next page reads what is left.
                }
            });
            erased += keys.Count;
            if (time.GetElapsedTime(started) >= budget)
            {
                return (erased, false);
            }
        }
    }

    /// <summary>An id that sorts newest first: inverted ticks (19 digits) and 8 random hex digits.</summary>
    public static string NewId(DateTimeOffset at) => InvertedTicks(at) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The shape of every id <see cref="NewId"/> makes; anything else names no prediction.</summary>
    public static bool IsId(string? id) =>
        id is { Length: 27 } && id.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0 && id.AsSpan(19).IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <summary>The count row, or for a history saved before it existed the predictions counted once (the next save writes it).</summary>
    private static async Task<CountEntity> ReadCountAsync(TableClient client, string person, CancellationToken cancellationToken)
    {
        var found = await GuardAsync(() => client.GetEntityIfExistsAsync<CountEntity>(person, RowKeys.Count, cancellationToken: cancellationToken), cancellationToken);
        if (found.HasValue && found.Value is { } count)
        {
            return count;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {person} and RowKey ge {RowKeys.PredictionPrefix} and RowKey lt {RowKeys.EndOf(RowKeys.PredictionPrefix)}");
        var counted = await GuardAsync(async () =>
        {
            var n = 0;
            await foreach (var _ in client.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                n++;
            }

            return n;
        }, cancellationToken);
        return new CountEntity { PartitionKey = person, Predictions = counted, ETag = default };
    }

    /// <summary>The count row moved by <paramref name="delta"/>: added if it was not stored yet, else replaced only if unchanged since read.</summary>
    private static TableTransactionAction CountChange(CountEntity count, int delta)
    {
        var changed = new CountEntity { PartitionKey = count.PartitionKey, Predictions = Math.Max(0, count.Predictions + delta) };
        return count.ETag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, changed)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, changed, count.ETag);
    }

    /// <summary>
    /// Null while fewer than <paramref name="perMinute"/> predictions were saved in the minute before <paramref name="now"/>;
    /// else the seconds until the oldest of them leaves that minute. Ids sort newest first, so those saves are one key range.
    /// </summary>
    /// <summary>The most rows the Table service returns in one page.</summary>
    private const int MaxRowsPerPage = 1000;

    private static async Task<int?> RetryAfterBudgetAsync(TableClient client, string person, DateTimeOffset now, int perMinute, CancellationToken cancellationToken)
    {
        var limit = Math.Max(1, perMinute);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {person} and RowKey gt {RowKeys.PredictionPrefix} and RowKey lt {RowKeys.Prediction(InvertedTicks(now - TimeSpan.FromMinutes(1)))}");
        var recent = await GuardAsync(async () =>
        {
            // Sized by what a minute's saves can be, never by the setting: a budget set out of reach (100,000,000) must not
            // allocate for it. A page is at most the Table service's 1,000 rows.
            var saved = new List<DateTimeOffset>(Math.Min(limit, MaxRowsPerPage));
            await foreach (var row in client.QueryAsync<PredictionEntity>(filter, maxPerPage: Math.Min(limit, MaxRowsPerPage), select: ["RowKey", nameof(PredictionEntity.SavedAt)], cancellationToken: cancellationToken))
            {
                saved.Add(row.SavedAt);
                if (saved.Count >= limit)
                {
                    break;
                }
            }

            return saved;
        }, cancellationToken);
        return recent.Count < limit
            ? null
            : Math.Max(1, (int)Math.Ceiling((recent[^1] + TimeSpan.FromMinutes(1) - now).TotalSeconds));
    }

    private static bool IsConflict(PeopleStoreUnavailableException e) =>
        e.InnerException is TableTransactionFailedException { Status: 409 or 412 } or RequestFailedException { Status: 409 or 412 };

    private static string InvertedTicks(DateTimeOffset at) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

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
