using System.Net;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.People;

/// <summary>People's table service stopped while a signed-in person predicts: they are told, the answer stands, nothing is half-written.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PeopleStorageOutageTests(PeopleHostFixture fixture) : IClassFixture<PeopleHostFixture>
{
    [Fact]
    public async Task TablesStoppedWhileSaving_PredictionAnswersNotSavedWithTheReason_NothingWritten_ThenSavesAgain()
    {
        using var ada = await fixture.SignInAsync("outage-ada-oid", "ada@example.com");
        var first = await ada.SaveAsync("heart");
        await fixture.Storage.StopTablesAsync();

        JsonNodeOrProblem down;
        try
        {
            var answer = await ada.PredictAsync("heart");
            using var list = await ada.SendAsync(HttpMethod.Get, "api/me/predictions");
            using var profile = await ada.SendAsync(HttpMethod.Put, "api/me/profile", """{"sex":"female"}""");
            using var suggestions = await ada.SendAsync(HttpMethod.Post, "api/chat/suggestions", $$"""{"predictionId":"{{first}}"}""");
            down = new(answer, list.StatusCode, list.Headers.RetryAfter?.Delta, profile.StatusCode, suggestions.StatusCode,
                (await PeopleRoutesTests.AssertProblemAsync(list, HttpStatusCode.ServiceUnavailable))["reason"]!.GetValue<string>());
        }
        finally
        {
            await fixture.Storage.StartAsync();
        }

        var after = await ada.PredictAsync("heart");

        Assert.False(down.Answer["history"]!["saved"]!.GetValue<bool>());
        Assert.Contains("could not be reached", down.Answer["history"]!["reason"]!.GetValue<string>());
        Assert.Null(down.Answer["history"]!["id"]);
        Assert.InRange(down.Answer["riskPercentage"]!.GetValue<double>(), 0, 100);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.List);
        Assert.Equal(TimeSpan.FromSeconds(2), down.RetryAfter);
        Assert.Equal("Unreachable", down.Reason);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Profile);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Suggestions);
        Assert.True(after["history"]!["saved"]!.GetValue<bool>(), after.ToJsonString() + fixture.Host.Tail());
        var rows = await fixture.RowsOfAsync("outage-ada-oid");
        Assert.Equal(["count", "p|" + after["history"]!["id"]!.GetValue<string>(), "p|" + first], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal([after["history"]!["id"]!.GetValue<string>(), first], await ada.ListAllAsync());
    }

    [Fact]
    public async Task PeopleStorageNotConfigured_SignedInPredictionStillAnswers_AndRoutesSay503()
    {
        await using var host = new TestSupport.DevHostServer(new Dictionary<string, string> { ["ModelStorage"] = fixture.Storage.ConnectionString });
        await host.StartAsync();
        using var ada = await Person.SignInAsync(host.BaseAddress, "unconfigured-ada-oid", "ada@example.com");

        var answer = await ada.PredictAsync("lung");
        using var list = await ada.SendAsync(HttpMethod.Get, "api/me/predictions");

        Assert.False(answer["history"]!["saved"]!.GetValue<bool>());
        Assert.Contains("keeps no histories", answer["history"]!["reason"]!.GetValue<string>());
        var problem = await PeopleRoutesTests.AssertProblemAsync(list, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("NotConfigured", problem["reason"]!.GetValue<string>());
        Assert.Empty(await fixture.RowsOfAsync("unconfigured-ada-oid"));
    }

    private sealed record JsonNodeOrProblem(
        System.Text.Json.Nodes.JsonNode Answer, HttpStatusCode List, TimeSpan? RetryAfter, HttpStatusCode Profile, HttpStatusCode Suggestions, string Reason);
}
