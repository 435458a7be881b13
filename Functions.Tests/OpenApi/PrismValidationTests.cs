using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>
/// The end-to-end requests of a caller, replayed through <c>@stoplight/prism-cli proxy --errors</c> in front of
/// the running app: every request the document allows reaches the app, and every answer the app gives matches
/// the document (no <c>sl-violations</c>, no Prism problem). A request the app refuses is refused by the
/// document too, and the app's refusal, passed on by the answers-only proxy, matches the document.
/// </summary>
[Collection(ContractCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PrismValidationTests(ContractFixture contract)
{
    /// <summary>The document requires <c>api-version</c> on a disease's single-patient operation (docs/api.md, *Versions*); sent everywhere alike.</summary>
    private const string Versioned = "api-version=" + HealthOracle.Functions.Infrastructure.Versioning.ApiVersions.Current;

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Prediction_TheDocumentsExamples_AreAnsweredAsDocumented(string disease)
    {
        using var client = contract.Strict.CreateClient();
        foreach (var path in new[] { $"predict/{disease}", $"predict/{disease}/batch" })
        {
            var post = contract.Document["paths"]![$"/{path}"]!["post"]!;
            var requests = post["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
            var answers = post["responses"]!["200"]!["content"]!["application/json"]!["examples"]!.AsObject();
            Assert.NotEmpty(requests);
            foreach (var (name, example) in requests)
            {
                var answer = await SendValidAsync(client, HttpMethod.Post, $"{path}?{Versioned}", Json(example!["value"]!));
                Assert.Equal(HttpStatusCode.OK, answer.Status);
                Assert.True(JsonNode.DeepEquals(answers[name]!["value"], answer.Json), $"The served answer to {path}'s {name} example differs from the document's: {answer.Body}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task WhatIf_ValidAndInvalid_MatchTheDocument(string disease)
    {
        var patient = JsonNode.Parse(TestPatients.Json(disease))!;
        var older = patient["age"]!.GetValue<int>() + 5;
        using var strict = contract.Strict.CreateClient();
        using var answersOnly = contract.AnswersOnly.CreateClient();

        var answer = await SendValidAsync(strict, HttpMethod.Post, $"predict/{disease}/what-if",
            Json(new JsonObject { ["patient"] = patient.DeepClone(), ["changes"] = new JsonObject { ["age"] = older } }));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(older, answer.Json!["after"]!["inputs"]!["age"]!.GetValue<double>());

        var noChanges = new JsonObject { ["patient"] = patient.DeepClone(), ["changes"] = new JsonObject() };
        var refusedByDocument = await SendAsync(strict, HttpMethod.Post, $"predict/{disease}/what-if", Json(noChanges));
        Assert.True(refusedByDocument.IsPrismProblem, $"The document lets through a what-if without changes: {refusedByDocument.Body}");
        var refusedByApp = await SendValidAsync(answersOnly, HttpMethod.Post, $"predict/{disease}/what-if", Json(noChanges));
        Assert.Equal(HttpStatusCode.BadRequest, refusedByApp.Status);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Prediction_SchemaAndForm_MatchTheDocument(string disease)
    {
        using var client = contract.Strict.CreateClient();

        var schema = await SendValidAsync(client, HttpMethod.Get, $"predict/{disease}");
        Assert.Equal(HttpStatusCode.OK, schema.Status);
        Assert.Equal(disease, schema.Json!["disease"]!.GetValue<string>());

        var plain = await SendValidAsync(client, HttpMethod.Post, $"predict/{disease}?explain=false&{Versioned}", Json(TestPatients.Json(disease)));
        Assert.Equal(HttpStatusCode.OK, plain.Status);
        Assert.Null(plain.Json!["factors"]);

        var form = await SendValidAsync(client, HttpMethod.Post, $"predict/{disease}?{Versioned}",
            new StringContent(TestPatients.Form(disease), Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, form.Status);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Prediction_InvalidValues_AreRefusedByTheDocument_AndTheAppsRefusalMatchesIt(string disease)
    {
        var first = TestPatients.Valid[disease][0].Name;
        string[] bodies = [TestPatients.Json(disease, first, "-5"), TestPatients.Json(disease, first, TestPatients.Omit), """{"nope":1}""", "[]"];
        using var strict = contract.Strict.CreateClient();
        using var answersOnly = contract.AnswersOnly.CreateClient();
        foreach (var body in bodies)
        {
            var refusedByDocument = await SendAsync(strict, HttpMethod.Post, $"predict/{disease}?{Versioned}", Json(body));
            Assert.True(refusedByDocument.Status == HttpStatusCode.UnprocessableEntity && refusedByDocument.IsPrismProblem,
                $"The document lets through a request the app refuses: {body} → {(int)refusedByDocument.Status} {refusedByDocument.Body}");

            var refusedByApp = await SendValidAsync(answersOnly, HttpMethod.Post, $"predict/{disease}?{Versioned}", Json(body));
            Assert.Equal(HttpStatusCode.BadRequest, refusedByApp.Status);
            Assert.Equal("application/problem+json", refusedByApp.MediaType);
        }
    }

    [Fact]
    public async Task Prediction_RuleAcrossFields_IsA400ThatMatchesTheDocument()
    {
        using var client = contract.Strict.CreateClient();
        var answer = await SendValidAsync(client, HttpMethod.Post, $"predict/liver?{Versioned}",
            Json(TestPatients.Json("liver", "direct_bilirubin", "3.1")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.NotNull(answer.Json!["errors"]!["direct_bilirubin"]);
    }

    [Fact]
    public async Task Prediction_BodyTheAppCannotRead_IsAProblemThatMatchesTheDocument()
    {
        using var client = contract.AnswersOnly.CreateClient();

        var plain = await SendValidAsync(client, HttpMethod.Post, $"predict/heart?{Versioned}", new StringContent("age=1", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.Status);

        // Not through Prism: malformed JSON under a JSON content type (Prism 5.16 never answers it); the app's
        // 400 to it is pinned by ApiSnapshotTests and its shape is the Problem checked above.
    }

    [Fact]
    public async Task HealthAndTheDocument_MatchTheDocument()
    {
        using var client = contract.Strict.CreateClient();

        var health = await SendValidAsync(client, HttpMethod.Get, "health");
        Assert.Equal(HttpStatusCode.OK, health.Status);

        var document = await SendValidAsync(client, HttpMethod.Get, "openapi.json");
        Assert.Equal(HttpStatusCode.OK, document.Status);
    }

    [Fact]
    public async Task Chat_QuestionAndSuggestions_MatchTheDocument()
    {
        using var client = contract.Strict.CreateClient();
        var prediction = contract.Document["paths"]!["/predict/heart"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]!["one"]!["value"]!;

        var chat = await SendValidAsync(client, HttpMethod.Post, "chat",
            Json(new JsonObject { ["message"] = "What does this mean for me?", ["history"] = new JsonArray(), ["prediction"] = prediction.DeepClone() }));
        Assert.Equal(HttpStatusCode.OK, chat.Status);

        var suggestions = await SendValidAsync(client, HttpMethod.Post, "chat/suggestions", Json(new JsonObject { ["prediction"] = prediction.DeepClone() }));
        Assert.Equal(HttpStatusCode.OK, suggestions.Status);
    }

    [Fact]
    public async Task Chat_Invalid_IsRefusedByTheDocument_AndTheAppsRefusalMatchesIt()
    {
        using var strict = contract.Strict.CreateClient();
        using var answersOnly = contract.AnswersOnly.CreateClient();
        const string empty = """{"message":""}""";

        var refusedByDocument = await SendAsync(strict, HttpMethod.Post, "chat", Json(empty));
        Assert.True(refusedByDocument.IsPrismProblem, $"The document lets through an empty question: {refusedByDocument.Body}");

        var refusedByApp = await SendValidAsync(answersOnly, HttpMethod.Post, "chat", Json(empty));
        Assert.Equal(HttpStatusCode.BadRequest, refusedByApp.Status);
    }

    [Fact]
    public async Task SignedIn_ProfileHistorySuggestionsExportAndErasure_MatchTheDocument()
    {
        var cookie = await contract.SignInAsync("contract-person", "Contract Person");
        using var client = contract.Strict.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var patient = TestPatients.Json("heart");

        var predicted = await SendValidAsync(client, HttpMethod.Post, $"predict/heart?{Versioned}", Json(patient));
        Assert.Equal(HttpStatusCode.OK, predicted.Status);
        Assert.True(predicted.Json!["history"]!["saved"]!.GetValue<bool>(), predicted.Body);
        var id = predicted.Json["history"]!["id"]!.GetValue<string>();
        var unsaved = await SendValidAsync(client, HttpMethod.Post, $"predict/heart?save=false&{Versioned}", Json(patient));
        Assert.False(unsaved.Json!["history"]!["saved"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.OK, (await SendValidAsync(client, HttpMethod.Put, "me/profile",
            Json("""{"dateOfBirth":"1970-05-01","sex":"female","bloodGroup":"O+"}"""))).Status);
        var me = await SendValidAsync(client, HttpMethod.Get, "me");
        Assert.Equal("female", me.Json!["profile"]!["sex"]!.GetValue<string>());

        var page = await SendValidAsync(client, HttpMethod.Get, "me/predictions?disease=heart&pageSize=5");
        Assert.Equal(id, page.Json!["items"]![0]!["id"]!.GetValue<string>());

        var suggestions = await SendValidAsync(client, HttpMethod.Post, "chat/suggestions", Json(new JsonObject { ["predictionId"] = id }));
        Assert.Equal(HttpStatusCode.OK, suggestions.Status);
        var chat = await SendValidAsync(client, HttpMethod.Post, "chat", Json(new JsonObject { ["message"] = "What should I ask my doctor?", ["predictionId"] = id }));
        Assert.Equal(HttpStatusCode.OK, chat.Status);

        var saved = await SendValidAsync(client, HttpMethod.Get, $"me/predictions/{id}");
        var suggestion = saved.Json!["suggestions"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await SendValidAsync(client, HttpMethod.Patch, $"me/predictions/{id}/suggestions/{suggestion}", Json("""{"read":true}"""))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendValidAsync(client, HttpMethod.Get, "me/export")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await SendValidAsync(client, HttpMethod.Delete, $"me/predictions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendValidAsync(client, HttpMethod.Get, $"me/predictions/{id}")).Status);
        Assert.True((await SendAsync(client, HttpMethod.Get, "me/predictions?pageSize=0", null)).IsPrismProblem, "The document lets through a page size of 0.");
        Assert.Equal(HttpStatusCode.NoContent, (await SendValidAsync(client, HttpMethod.Delete, "me")).Status);
    }

    [Fact]
    public async Task SignedIn_HistoryUnreachable_IsA503WithRetryAfter_AndPredictionsStillAnswer_AsDocumented()
    {
        var cookie = await contract.SignInAsync("contract-outage", "Contract Outage");
        using var client = contract.Strict.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        await contract.Storage.StopTablesAsync();
        try
        {
            var me = await SendValidAsync(client, HttpMethod.Get, "me");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, me.Status);
            Assert.NotNull(me.RetryAfter);
            Assert.Equal("Unreachable", me.Json!["reason"]!.GetValue<string>());

            var predicted = await SendValidAsync(client, HttpMethod.Post, $"predict/heart?{Versioned}", Json(TestPatients.Json("heart")));
            Assert.Equal(HttpStatusCode.OK, predicted.Status);
            Assert.False(predicted.Json!["history"]!["saved"]!.GetValue<bool>());
        }
        finally
        {
            await contract.Storage.StartAsync();
        }
    }

    [Fact]
    public async Task SignedIn_RoutesWithoutASession_AreA401ThatMatchesTheDocument()
    {
        using var strict = contract.Strict.CreateClient();
        using var answersOnly = contract.AnswersOnly.CreateClient();

        var refusedByDocument = await SendAsync(strict, HttpMethod.Get, "me", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedByDocument.Status);

        // Prism checks that a session cookie is there even when it does not validate requests: a forged one
        // satisfies it, and the host (which signs its sessions) passes the call on as anonymous.
        answersOnly.DefaultRequestHeaders.Add("Cookie", "AppServiceAuthSession=forged");
        var refusedByApp = await SendValidAsync(answersOnly, HttpMethod.Get, "me");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedByApp.Status);
        Assert.Equal("Sign-in required", refusedByApp.Json!["title"]!.GetValue<string>());
    }

    private static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Sends through a proxy and fails on any violation Prism reports, either way.</summary>
    private async Task<ProxiedAnswer> SendValidAsync(HttpClient client, HttpMethod method, string path, HttpContent? content = null)
    {
        var answer = await SendAsync(client, method, path, content);
        Assert.False(answer.IsPrismProblem, $"Prism: {method} {path} does not match the document: {answer.Body}");
        Assert.True(answer.Violations is null, $"Prism: {method} {path} has violations: {answer.Violations}");
        return answer;
    }

    private static async Task<ProxiedAnswer> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : null;
        return new ProxiedAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, violations, response.Headers.RetryAfter?.Delta);
    }

    private sealed record ProxiedAnswer(HttpStatusCode Status, string? MediaType, string Body, string? Violations, TimeSpan? RetryAfter = null)
    {
        public JsonNode? Json => MediaType is not null && MediaType.Contains("json", StringComparison.Ordinal) ? JsonNode.Parse(Body) : null;

        public bool IsPrismProblem => MediaType == "application/problem+json"
            && Json?["type"]?.GetValue<string>() is { } type && type.StartsWith(PrismProxy.ProblemTypePrefix, StringComparison.Ordinal);
    }
}
