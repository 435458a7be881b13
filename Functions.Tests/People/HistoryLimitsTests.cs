using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;

namespace HealthOracle.Functions.Tests.People;

/// <summary>The app with small budgets, so that one person can reach them in a test: 3 saves a minute, 5 saved, erase a page per call.</summary>
public sealed class LimitedPeopleHostFixture : PeopleHostFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["History__SavesPerMinute"] = "3",
        ["History__MaxSavedPredictions"] = "5",
        ["History__EraseSecondsPerCall"] = "0",
    };
}

/// <summary>
/// Issue 24, S4: what one signed-in person can store and how fast, an export that streams a history of any length a
/// page at a time, and an erase that finishes whatever the size, through the real host.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HistoryLimitsTests(LimitedPeopleHostFixture fixture) : IClassFixture<LimitedPeopleHostFixture>
{
    [Fact]
    public async Task Saves_PastThePerMinuteBudget_AreAnsweredButNotSavedAndSayWhenSavingWorksAgain()
    {
        using var ada = await fixture.SignInAsync("budget-rate-ada-oid", "ada@example.com");

        var answers = new List<JsonNode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await ada.PredictAsync("heart"));
        }

        Assert.Equal([true, true, true, false, false], answers.Select(a => a["history"]!["saved"]!.GetValue<bool>()));
        var reason = answers[3]["history"]!["reason"]!.GetValue<string>();
        Assert.StartsWith("You saved 3 results in the last minute, the most one person can, so this one was not saved. Saving works again in ", reason);
        Assert.All(answers, a => Assert.InRange(a["riskPercentage"]!.GetValue<double>(), 0, 100));
        Assert.Equal(3, (await ada.ListAllAsync()).Count);
        Assert.Equal(3, (await fixture.RowsOfAsync("budget-rate-ada-oid")).Single(r => r.RowKey == RowKeys.Count).GetInt32("Predictions"));
    }

    [Fact]
    public async Task Saves_IntoAFullHistory_AreRefusedWithTheReason_AndDeletingOneMakesRoom()
    {
        // Five predictions saved long ago, by an older version without a count row: the count is taken once.
        const string userId = "budget-full-ada-oid";
        var ids = await SeedAsync(userId, predictions: 5, suggestionsEvery: 0);
        using var ada = await fixture.SignInAsync(userId, "ada@example.com");

        var full = await ada.PredictAsync("lung");
        using var delete = await ada.SendAsync(HttpMethod.Delete, $"api/me/predictions/{ids[2]}");
        var roomAgain = await ada.PredictAsync("lung");
        var fullAgain = await ada.PredictAsync("lung");

        Assert.False(full["history"]!["saved"]!.GetValue<bool>());
        Assert.StartsWith("Your history holds 5 saved results, the most it keeps, so this one was not saved. Delete results you no longer need",
            full["history"]!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.True(roomAgain["history"]!["saved"]!.GetValue<bool>(), roomAgain.ToJsonString());
        Assert.False(fullAgain["history"]!["saved"]!.GetValue<bool>());
        Assert.Equal(5, (await ada.ListAllAsync()).Count);
        Assert.Equal(5, (await fixture.RowsOfAsync(userId)).Single(r => r.RowKey == RowKeys.Count).GetInt32("Predictions"));
    }

    [Fact]
    public async Task Export_OfAHistoryLongerThanManyPages_HoldsEveryPredictionNewestFirstWithItsOwnSuggestions()
    {
        const string userId = "export-pages-ada-oid";
        var ids = await SeedAsync(userId, predictions: 1234, suggestionsEvery: 7);
        using var ada = await fixture.SignInAsync(userId, "ada@example.com");

        using var response = await ada.SendAsync(HttpMethod.Get, "api/me/export");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var predictions = document.RootElement.GetProperty("predictions").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"healthoracle-export.json\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("healthoracle-export/1", document.RootElement.GetProperty("format").GetString());
        Assert.Equal(ids, predictions.Select(p => p.GetProperty("id").GetString()));
        foreach (var (prediction, i) in predictions.Select((p, i) => (p, i)))
        {
            var suggestions = prediction.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("text").GetString()).ToList();
            Assert.Equal(i % 7 == 0 ? [$"Suggestion one for {ids[i]}", $"Suggestion two for {ids[i]}"] : [], suggestions);
            Assert.Equal(12.5, prediction.GetProperty("prediction").GetProperty("riskPercentage").GetDouble());
        }
    }

    [Fact]
    public async Task Erase_OfAHistoryLargerThanOneCallErases_Answers202UntilDone_Then204AndNothingIsLeft()
    {
        // Each call erases one page of 1,000 rows here (History__EraseSecondsPerCall 0); 2,000 predictions and their suggestions.
        const string userId = "erase-pages-ada-oid";
        await SeedAsync(userId, predictions: 2000, suggestionsEvery: 4);
        var rows = (await fixture.RowsOfAsync(userId)).Count;
        using var ada = await fixture.SignInAsync(userId, "ada@example.com");
        using var bob = await fixture.SignInAsync("erase-pages-bob-oid", "bob@example.com");
        await bob.SaveAsync("heart");

        var answers = new List<(HttpStatusCode Status, int? Erased, string? RetryAfter)>();
        for (var call = 0; call < 10; call++)
        {
            using var response = await ada.SendAsync(HttpMethod.Delete, "api/me");
            var body = response.StatusCode == HttpStatusCode.Accepted ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
            answers.Add((response.StatusCode, body?["erased"]?.GetValue<int>(), response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                break;
            }

            Assert.False(body!["finished"]!.GetValue<bool>());
        }

        Assert.Equal(2000 + 500 * 2, rows);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.NoContent], answers.Select(a => a.Status));
        Assert.Equal([1000, 1000, 1000], answers.Take(3).Select(a => a.Erased!.Value));
        Assert.All(answers.Take(3), a => Assert.Equal("1", a.RetryAfter));
        Assert.Empty(await fixture.RowsOfAsync(userId));
        Assert.Single(await bob.ListAllAsync());
    }

    /// <summary>
    /// Writes a history straight into the table, as an older version of the app saved it (no count row): predictions an
    /// hour apart going back from two hours ago (outside any per-minute budget), each n-th with two suggestions. Newest first.
    /// </summary>
    private async Task<List<string>> SeedAsync(string userId, int predictions, int suggestionsEvery)
    {
        var table = new TableClient(fixture.Storage.ConnectionString, "people");
        await table.CreateIfNotExistsAsync();
        var person = PersonKey.For("aad", userId);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var ids = new List<string>();
        var rows = new List<ITableEntity>();
        for (var i = 0; i < predictions; i++)
        {
            var savedAt = start.AddHours(-i);
            var id = PeopleStore.NewId(savedAt);
            ids.Add(id);
            rows.Add(new PredictionEntity
            {
                PartitionKey = person, RowKey = RowKeys.Prediction(id), Disease = "heart", Probability = 0.125, RiskPercentage = 12.5, Category = "Low",
                ModelName = "heart", ModelVersion = "seed", ModelSha256 = new string('0', 64), SavedAt = savedAt,
                Answer = """{"disease":"heart","probability":0.125,"riskPercentage":12.5,"category":"Low","inputs":{"age":63}}""",
            });
            if (suggestionsEvery > 0 && i % suggestionsEvery == 0)
            {
                rows.Add(new SuggestionEntity { PartitionKey = person, RowKey = RowKeys.Suggestion(id, "00"), Text = $"Suggestion one for {id}", SavedAt = savedAt });
                rows.Add(new SuggestionEntity { PartitionKey = person, RowKey = RowKeys.Suggestion(id, "01"), Text = $"Suggestion two for {id}", SavedAt = savedAt });
            }
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
        }

        return ids;
    }
}
