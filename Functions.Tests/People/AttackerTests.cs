using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.People;

/// <summary>
/// Issue 24, as an attacker tries it through the real host: a page on another site posting with the person's cookie
/// (S2), a body that names a field twice (S9), and what an answer about a person tells caches and browsers (S8). A forged origin never changes anyone's
/// data; the person still gets their answer.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AttackerTests(PeopleHostFixture fixture) : IClassFixture<PeopleHostFixture>
{
    private const string Evil = "https://evil.example";

    public static TheoryData<string, string?> CrossSiteHeaders => new()
    {
        { Evil, "cross-site" },
        { Evil, null },                    // an older browser: Origin only
        { "null", "cross-site" },          // a sandboxed or redirected page
        { "http://127.0.0.1:1", "same-site" }, // another port of the same host: same site, another origin
    };

    [Theory]
    [MemberData(nameof(CrossSiteHeaders))]
    public async Task CrossSiteFormPost_WithThePersonsCookie_AnswersTheResultButSavesNothing(string origin, string? fetchSite)
    {
        // The reproducer of S2: a "simple" form post from another site, urlencoded and multipart, answered as a page.
        using var ada = await fixture.SignInAsync($"csrf-form-{Guid.NewGuid():N}", "ada@example.com");
        var userId = ada.UserId!;

        using var urlencoded = CrossSite(HttpMethod.Post, "api/pages/predict/heart", origin, fetchSite,
            new StringContent(TestPatients.Form("heart"), Encoding.UTF8, "application/x-www-form-urlencoded"));
        urlencoded.Headers.Add("Accept", "text/html");
        using var page = await ada.Client.SendAsync(urlencoded);
        var html = await page.Content.ReadAsStringAsync();
        using var multipart = CrossSite(HttpMethod.Post, "api/pages/predict/heart", origin, fetchSite, Multipart(TestPatients.Form("heart")));
        multipart.Headers.Add("Accept", "text/html");
        using var multipartPage = await ada.Client.SendAsync(multipart);
        using var json = CrossSite(HttpMethod.Post, "api/predict/heart", origin, fetchSite, new StringContent(TestPatients.Json("heart"), Encoding.UTF8, "application/json"));
        using var jsonAnswer = await ada.Client.SendAsync(json);
        var answer = JsonNode.Parse(await jsonAnswer.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("class=\"risk-percent\"", html);
        Assert.Contains("Not saved: This request came from a page on another site", html);
        Assert.DoesNotContain("Saved to your history", html);
        Assert.Equal(HttpStatusCode.OK, multipartPage.StatusCode);
        Assert.Contains("Not saved: This request came from a page on another site", await multipartPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, jsonAnswer.StatusCode);
        Assert.False(answer["history"]!["saved"]!.GetValue<bool>());
        Assert.StartsWith("This request came from a page on another site", answer["history"]!["reason"]!.GetValue<string>());
        Assert.InRange(answer["riskPercentage"]!.GetValue<double>(), 0, 100);
        Assert.Empty(await fixture.RowsOfAsync(userId));
    }

    [Fact]
    public async Task CrossSiteWrites_ToEveryRouteThatChangesData_Are403AndChangeNothing()
    {
        using var ada = await fixture.SignInAsync("csrf-routes-ada-oid", "ada@example.com");
        await ada.PutProfileAsync("""{"dateOfBirth":"1970-01-02","sex":"female","bloodGroup":"A+"}""");
        var id = await ada.SaveAsync("heart");
        await ada.SuggestionsAsync(id);
        var before = (await fixture.RowsOfAsync("csrf-routes-ada-oid")).Select(r => (r.RowKey, r.ETag)).Order().ToList();
        var geminiCalls = fixture.Gemini.Requests.Count;

        var attempts = new (HttpMethod Method, string Path, string? Json)[]
        {
            (HttpMethod.Put, "api/me/profile", """{"dateOfBirth":null}"""),
            (HttpMethod.Delete, $"api/me/predictions/{id}", null),
            (HttpMethod.Patch, $"api/me/predictions/{id}/suggestions/01", """{"read":true}"""),
            (HttpMethod.Delete, "api/me", null),
            (HttpMethod.Post, "api/chat/suggestions", $$"""{"predictionId":"{{id}}"}"""),
            (HttpMethod.Post, "api/chat", $$"""{"message":"What does it mean?","predictionId":"{{id}}"}"""),
        };
        foreach (var (method, path, json) in attempts)
        {
            using var request = CrossSite(method, path, Evil, "cross-site", json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));
            using var response = await ada.Client.SendAsync(request);
            var problem = await PeopleRoutesTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal("CrossSiteWrite", problem["reason"]!.GetValue<string>());
        }

        Assert.Equal(before, (await fixture.RowsOfAsync("csrf-routes-ada-oid")).Select(r => (r.RowKey, r.ETag)).Order().ToList());
        Assert.Equal(geminiCalls, fixture.Gemini.Requests.Count);
    }

    [Fact]
    public async Task CrossSiteAssistantPages_AboutASavedResult_Are403AndNeitherAskNorKeepAnything()
    {
        // S2 on the page routes the site's forms post to (issue 23): the assistant's page and the suggestions' page,
        // named a saved result by a page on another site, answer a page saying why, and neither the model nor the
        // history is touched.
        var userId = $"csrf-pages-{Guid.NewGuid():N}";
        using var ada = await fixture.SignInAsync(userId, "ada@example.com");
        var id = await ada.SaveAsync("heart");
        var before = (await fixture.RowsOfAsync(userId)).Select(r => (r.RowKey, r.ETag)).Order().ToList();
        var geminiCalls = fixture.Gemini.Requests.Count;

        foreach (var (path, form) in new[]
        {
            ("api/pages/chat", $"message=What+does+it+mean%3F&predictionId={id}"),
            ("api/pages/chat", $"predictionId={id}"),
            ("api/pages/suggestions", $"predictionId={id}"),
        })
        {
            using var request = CrossSite(HttpMethod.Post, path, Evil, "cross-site", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
            request.Headers.Add("Accept", "text/html");
            using var response = await ada.Client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("This request came from a page on another site", html);
            Assert.DoesNotContain("The assistant can see your saved", html);
        }

        Assert.Equal(before, (await fixture.RowsOfAsync(userId)).Select(r => (r.RowKey, r.ETag)).Order().ToList());
        Assert.Equal(geminiCalls, fixture.Gemini.Requests.Count);
    }

    [Theory]
    [InlineData("PUT", "api/me/profile", """{"sex":"female","sex":"male"}""", "sex")]
    [InlineData("POST", "api/chat", """{"message":"","message":"hi"}""", "message")]
    [InlineData("POST", "api/chat/suggestions", """{"predictionId":"x","predictionId":"{id}"}""", "predictionId")]
    [InlineData("PATCH", "api/me/predictions/{id}/suggestions/01", """{"read":false,"read":true}""", "read")]
    public async Task DuplicateNames_InAnySignedInBody_Are400NamingTheField_AndChangeNothing(string method, string path, string json, string field)
    {
        // S9: the last copy of a name used to win on these routes (a body a filter reads one way and the app another).
        var userId = $"duplicates-{Guid.NewGuid():N}";
        using var ada = await fixture.SignInAsync(userId, "ada@example.com");
        var id = await ada.SaveAsync("heart");
        await ada.SuggestionsAsync(id);
        var before = (await fixture.RowsOfAsync(userId)).Select(r => (r.RowKey, r.ETag)).Order().ToList();
        var geminiCalls = fixture.Gemini.Requests.Count;

        using var response = await ada.SendAsync(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal), json.Replace("{id}", id, StringComparison.Ordinal));
        var problem = await PeopleRoutesTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("more than once", problem["errors"]![field]![0]!.GetValue<string>());
        Assert.Equal(before, (await fixture.RowsOfAsync(userId)).Select(r => (r.RowKey, r.ETag)).Order().ToList());
        Assert.Equal(geminiCalls, fixture.Gemini.Requests.Count);
    }

    [Theory]
    [InlineData("self", "same-origin")]
    [InlineData(null, "same-origin")]
    [InlineData(PeopleHostFixture.AllowedOrigin, "cross-site")]
    [InlineData(PeopleHostFixture.AllowedOrigin, null)]
    [InlineData(null, null)] // a program with the cookie: no browser sent it
    public async Task Writes_FromThisApiTheAllowedSiteOrAProgram_AreSaved(string? origin, string? fetchSite)
    {
        using var ada = await fixture.SignInAsync($"csrf-ok-{Guid.NewGuid():N}", "ada@example.com");
        var sent = origin == "self" ? fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority) : origin;

        using var request = CrossSite(HttpMethod.Post, "api/predict/heart", sent, fetchSite, new StringContent(TestPatients.Json("heart"), Encoding.UTF8, "application/json"));
        using var response = await ada.Client.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var profile = CrossSite(HttpMethod.Put, "api/me/profile", sent, fetchSite, new StringContent("""{"sex":"male"}""", Encoding.UTF8, "application/json"));
        using var profileResponse = await ada.Client.SendAsync(profile);

        Assert.True(answer["history"]!["saved"]!.GetValue<bool>(), answer.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, profileResponse.StatusCode);
    }

    [Fact]
    public async Task AnswersAboutAPerson_AreNeverCached_AndEveryAnswerForbidsSniffing()
    {
        // S8: /api/me* (signed in or not) and any answer to a signed-in person say no-store.
        using var ada = await fixture.SignInAsync("headers-ada-oid", "ada@example.com");
        using var anonymous = fixture.Anonymous();

        using var me = await ada.SendAsync(HttpMethod.Get, "api/me");
        using var export = await ada.SendAsync(HttpMethod.Get, "api/me/export");
        using var list = await ada.SendAsync(HttpMethod.Get, "api/me/predictions");
        using var signedInPrediction = await ada.SendAsync(HttpMethod.Post, "api/predict/lung", TestPatients.Json("lung"));
        using var unauthorized = await anonymous.SendAsync(HttpMethod.Get, "api/me");
        using var anonymousPrediction = await anonymous.SendAsync(HttpMethod.Post, "api/predict/lung", TestPatients.Json("lung"));

        foreach (var response in new[] { me, export, list, signedInPrediction, unauthorized })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri}: {response.Headers.CacheControl}");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.NotEqual(true, anonymousPrediction.Headers.CacheControl?.NoStore);
        foreach (var response in new[] { me, export, unauthorized, anonymousPrediction })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task HtmlAnswers_CarryAPolicyWithoutScriptAndAreNeverFramed()
    {
        // S8: the pages a browser without JavaScript gets, a result and a refusal.
        using var anonymous = fixture.Anonymous();
        using var result = FormPost("api/pages/predict/heart", TestPatients.Form("heart"));
        using var refused = FormPost("api/pages/predict/heart", "age=abc");

        using var resultPage = await anonymous.Client.SendAsync(result);
        using var refusedPage = await anonymous.Client.SendAsync(refused);

        Assert.Equal(HttpStatusCode.OK, resultPage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refusedPage.StatusCode);
        foreach (var page in new[] { resultPage, refusedPage })
        {
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("form-action 'self'", policy);
            Assert.Contains("base-uri 'none'", policy);
            Assert.DoesNotContain("script-src", policy);
            Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    private static HttpRequestMessage FormPost(string path, string form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("Accept", "text/html");
        return request;
    }

    private static HttpRequestMessage CrossSite(HttpMethod method, string path, string? origin, string? fetchSite, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    private static MultipartFormDataContent Multipart(string urlencoded)
    {
        var content = new MultipartFormDataContent();
        foreach (var pair in urlencoded.Split('&'))
        {
            var (name, value) = (pair.Split('=')[0], Uri.UnescapeDataString(pair.Split('=')[1]));
            content.Add(new StringContent(value), name);
        }

        return content;
    }
}
