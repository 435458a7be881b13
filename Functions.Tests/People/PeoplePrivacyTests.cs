using System.Net;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.People;

/// <summary>A whole signed-in session, then every line DevHost and the worker logged is searched for what the person is or entered.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PeoplePrivacyTests(PeopleHostFixture fixture) : IClassFixture<PeopleHostFixture>
{
    [Fact]
    public async Task SignedInSession_LogsCarryNoValuesNamesEmailsOrIds()
    {
        const string userId = "5f0c1d2e-7a8b-4c9d-8e1f-0a1b2c3d4e5f";
        const string name = "zebedee.quux@example.org";
        const string question = "Is my kumquat-coloured cholesterol worrying?";
        using var zebedee = await fixture.SignInAsync(userId, name);
        await zebedee.PutProfileAsync("""{"dateOfBirth":"1951-07-23","sex":"male","bloodGroup":"AB-"}""");
        var heart = TestPatients.Json("heart", "chol", "287.5");
        var id = await zebedee.SaveAsync("heart", heart);
        await zebedee.SuggestionsAsync(id);
        fixture.Gemini.Enqueue(GeminiBehavior.Reply("Stand-in reply about tangerine matters."));
        using var chat = await zebedee.SendAsync(HttpMethod.Post, "api/chat", new JsonObject { ["message"] = question, ["predictionId"] = id }.ToJsonString());
        await zebedee.GetJsonAsync("api/me/export");
        await zebedee.ListAllAsync();
        using var bad = await zebedee.SendAsync(HttpMethod.Put, "api/me/profile", """{"dateOfBirth":"1951-13-45"}""");
        using var erase = await zebedee.SendAsync(HttpMethod.Delete, "api/me");
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        await fixture.Host.WaitForOutputAsync(line => line.Contains("Erased", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        var logs = string.Join('\n', fixture.Host.Output);
        Assert.Contains("Saved a heart prediction", logs);
        foreach (var secret in new[]
        {
            userId, name, "zebedee", "1951-07-23", "1951-13-45", "287.5", question, "kumquat", "tangerine",
            Functions.Identity.PersonKey.For("aad", userId), id,
        })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }

        // The blood group is a token of its own: "ab-" inside a GUID or trace id ("…93ab-cb11…") is not it.
        Assert.DoesNotMatch(@"(?i)(?<![0-9a-f])AB-(?![0-9a-f])", logs);
    }
}
