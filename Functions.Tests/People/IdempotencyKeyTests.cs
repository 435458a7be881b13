using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.People;

/// <summary>
/// <c>Idempotency-Key</c> on a signed-in save (draft-ietf-httpapi-idempotency-key-header), through DevHost, the real
/// worker and Azurite's tables: a retry answers the saved prediction and saves nothing, another request with the key is
/// a 422, one still being answered a 409, keys are per person (another person's same key replays nothing of theirs),
/// erased with the person, never logged, and a key that is not one is a 400 naming the header.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class IdempotencyKeyTests(PeopleHostFixture fixture) : IClassFixture<PeopleHostFixture>
{
    private const string Path = "api/predict/heart?api-version=2026-12-01";

    [Fact]
    public async Task Retry_SameKeyAndRequest_AnswersTheSavedPredictionAndSavesNothingNew()
    {
        using var ada = await fixture.SignInAsync($"idem-retry-{Guid.NewGuid():N}", "Ada");
        var key = Guid.NewGuid().ToString();
        var patient = TestPatients.Json("heart");

        var first = await PostAsync(ada, patient, key);
        var retried = await PostAsync(ada, JsonNode.Parse(patient)!.ToJsonString(new() { WriteIndented = true }), $"\"{key}\"");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.True(first.Json!["history"]!["saved"]!.GetValue<bool>(), first.Body);
        Assert.Equal(first.Json["history"]!["id"]!.GetValue<string>(), retried.Json!["history"]!["id"]!.GetValue<string>());
        Assert.Equal(first.Json["history"]!["savedAt"]!.GetValue<DateTimeOffset>(), retried.Json["history"]!["savedAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(first.Json["riskPercentage"]!.GetValue<double>(), retried.Json["riskPercentage"]!.GetValue<double>());
        Assert.Single(await ada.ListAllAsync());
        Assert.Single(await PredictionRowsAsync(ada.UserId!));
    }

    [Fact]
    public async Task SameKey_AnotherRequest_Is422AndSavesNothing()
    {
        using var ada = await fixture.SignInAsync($"idem-reuse-{Guid.NewGuid():N}", "Ada");
        var key = Guid.NewGuid().ToString();
        await PostAsync(ada, TestPatients.Json("heart"), key);

        var otherBody = await PostAsync(ada, TestPatients.Json("heart", "age", "64"), key);
        var otherQuery = await SendAsync(ada, Path + "&explain=false", TestPatients.Json("heart"), key);

        foreach (var refused in new[] { otherBody, otherQuery })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
            Assert.Equal("application/problem+json", refused.MediaType);
            Assert.Equal("IdempotencyKeyReused", refused.Json!["code"]!.GetValue<string>());
        }

        Assert.Single(await ada.ListAllAsync());
    }

    [Fact]
    public async Task Retry_WhileTheFirstIsStillBeingAnswered_Is409WithRetryAfter()
    {
        // The state a request in flight leaves: its key claimed for the same request, nothing saved yet. Built from the
        // app's own row for a finished request (the same fingerprint), under a second key, as the claim is written.
        using var ada = await fixture.SignInAsync($"idem-inflight-{Guid.NewGuid():N}", "Ada");
        var done = Guid.NewGuid().ToString();
        var inFlight = Guid.NewGuid().ToString();
        await PostAsync(ada, TestPatients.Json("heart"), done);
        var table = new TableClient(fixture.Storage.ConnectionString, "people");
        var person = PersonKey.For("aad", ada.UserId!);
        var finished = (await table.GetEntityAsync<TableEntity>(person, KeyRow(done))).Value;
        await table.AddEntityAsync(new TableEntity(person, KeyRow(inFlight))
        {
            ["Fingerprint"] = finished.GetString("Fingerprint"),
            ["ClaimedAt"] = DateTimeOffset.UtcNow,
        });

        var retried = await PostAsync(ada, TestPatients.Json("heart"), inFlight);

        Assert.Equal(HttpStatusCode.Conflict, retried.Status);
        Assert.Equal("IdempotencyKeyInUse", retried.Json!["code"]!.GetValue<string>());
        Assert.NotNull(retried.RetryAfter);
        Assert.Single(await ada.ListAllAsync());
    }

    [Fact]
    public async Task ConcurrentRetries_SaveOnce_EveryOtherIsTheSameIdOrA409()
    {
        using var ada = await fixture.SignInAsync($"idem-burst-{Guid.NewGuid():N}", "Ada");
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(ada, TestPatients.Json("heart"), key)));

        var saved = Assert.Single(await ada.ListAllAsync());
        Assert.All(answers, a => Assert.True(
            (a.Status == HttpStatusCode.OK && a.Json!["history"]!["id"]!.GetValue<string>() == saved)
            || (a.Status == HttpStatusCode.Conflict && a.Json!["code"]!.GetValue<string>() == "IdempotencyKeyInUse"),
            $"{(int)a.Status}: {a.Body}"));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnotherPerson_UsingTheSameKey_GetsTheirOwnSave_NeverTheFirstPersons()
    {
        using var ada = await fixture.SignInAsync($"idem-ada-{Guid.NewGuid():N}", "Ada");
        using var mallory = await fixture.SignInAsync($"idem-mallory-{Guid.NewGuid():N}", "Mallory");
        var key = Guid.NewGuid().ToString();
        var adas = await PostAsync(ada, TestPatients.Json("heart"), key);

        var sameRequest = await PostAsync(mallory, TestPatients.Json("heart"), key);
        var otherRequest = await PostAsync(mallory, TestPatients.Json("heart", "age", "70"), Guid.NewGuid().ToString());
        var sameKeyOtherRequest = await PostAsync(mallory, TestPatients.Json("heart", "age", "71"), key);

        var adasId = adas.Json!["history"]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, sameRequest.Status);
        Assert.NotEqual(adasId, sameRequest.Json!["history"]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, otherRequest.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameKeyOtherRequest.Status); // Mallory's own first use of the key, not Ada's
        Assert.Equal([adasId], await ada.ListAllAsync());
        Assert.Equal(2, (await mallory.ListAllAsync()).Count);
    }

    [Fact]
    public async Task Erase_RemovesTheKeys_AndTheKeyIsNeverLoggedOrStored()
    {
        using var ada = await fixture.SignInAsync($"idem-erase-{Guid.NewGuid():N}", "Ada");
        var key = $"erase-{Guid.NewGuid():N}";
        var first = await PostAsync(ada, TestPatients.Json("heart"), key);
        var rows = await fixture.RowsOfAsync(ada.UserId!);
        var keyRow = Assert.Single(rows, r => r.RowKey.StartsWith("k|", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.RowKey.Contains(key, StringComparison.Ordinal) || r.Any(p => p.Value?.ToString()?.Contains(key, StringComparison.Ordinal) == true));
        Assert.Equal(first.Json!["history"]!["id"]!.GetValue<string>(), keyRow.GetString("PredictionId"));

        using var erased = await ada.SendAsync(HttpMethod.Delete, "api/me", headers: new Dictionary<string, string> { ["Origin"] = PeopleHostFixture.AllowedOrigin });
        var again = await PostAsync(ada, TestPatients.Json("heart"), key);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotEqual(first.Json["history"]!["id"]!.GetValue<string>(), again.Json!["history"]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(fixture.Host.Output, line => line.Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("has space")]
    [InlineData("quote\"inside")]
    [InlineData("back\\slash")]
    [InlineData("tab\there")]
    public async Task KeyThatIsNotOneKey_Is400NamingTheHeader(string sent)
    {
        using var ada = await fixture.SignInAsync($"idem-invalid-{Guid.NewGuid():N}", "Ada");

        var refused = await PostAsync(ada, TestPatients.Json("heart"), sent);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("InvalidIdempotencyKey", refused.Json!["code"]!.GetValue<string>());
        Assert.NotNull(refused.Json["errors"]!["Idempotency-Key"]);
        Assert.Empty(await ada.ListAllAsync());
    }

    [Fact]
    public async Task KeyTooLongOrSentTwice_Is400()
    {
        using var ada = await fixture.SignInAsync($"idem-long-{Guid.NewGuid():N}", "Ada");
        using var twice = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(TestPatients.Json("heart"), Encoding.UTF8, "application/json") };
        twice.Headers.TryAddWithoutValidation("Idempotency-Key", ["a", "b"]);

        var tooLong = await PostAsync(ada, TestPatients.Json("heart"), new string('k', 256));
        var longest = await PostAsync(ada, TestPatients.Json("heart"), new string('k', 255));
        using var sentTwice = await ada.Client.SendAsync(twice);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal(HttpStatusCode.OK, longest.Status);
        Assert.Equal(HttpStatusCode.BadRequest, sentTwice.StatusCode);
    }

    [Fact]
    public async Task NothingSaved_AnonymousOrSaveFalse_TheKeyHasNoEffect()
    {
        using var ada = await fixture.SignInAsync($"idem-nosave-{Guid.NewGuid():N}", "Ada");
        using var anonymous = fixture.Anonymous();
        var key = Guid.NewGuid().ToString();

        var unsaved = await SendAsync(ada, Path + "&save=false", TestPatients.Json("heart"), key);
        var anon = await PostAsync(anonymous, TestPatients.Json("heart"), key);
        var anonAgain = await PostAsync(anonymous, TestPatients.Json("heart", "age", "64"), key);

        Assert.Equal(HttpStatusCode.OK, unsaved.Status);
        Assert.False(unsaved.Json!["history"]!["saved"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, anon.Status);
        Assert.Equal(HttpStatusCode.OK, anonAgain.Status);
        Assert.Empty(await fixture.RowsOfAsync(ada.UserId!));
    }

    private static string KeyRow(string key) => "k|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));

    private async Task<IReadOnlyList<TableEntity>> PredictionRowsAsync(string userId) =>
        [.. (await fixture.RowsOfAsync(userId)).Where(r => r.RowKey.StartsWith("p|", StringComparison.Ordinal))];

    private static Task<Answer> PostAsync(Person person, string json, string key) => SendAsync(person, Path, json, key);

    private static async Task<Answer> SendAsync(Person person, string path, string json, string key)
    {
        using var response = await person.SendAsync(HttpMethod.Post, path, json, new Dictionary<string, string> { ["Idempotency-Key"] = key });
        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return new Answer(response.StatusCode, mediaType, body, mediaType?.Contains("json", StringComparison.Ordinal) == true ? JsonNode.Parse(body) : null, response.Headers.RetryAfter?.Delta);
    }

    private sealed record Answer(HttpStatusCode Status, string? MediaType, string Body, JsonNode? Json, TimeSpan? RetryAfter);
}
