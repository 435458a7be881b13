using System.Net;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.People;

/// <summary>
/// Accounts as a caller meets them: signed in through DevHost's App Service Authentication emulation,
/// the real worker, Azurite's table service read directly to check what is (and is not) stored.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PeopleRoutesTests(PeopleHostFixture fixture) : IClassFixture<PeopleHostFixture>
{
    private const string MissingId = "2519999999999999999deadbeef";

    public static TheoryData<string, string> SignedInRoutes => new()
    {
        { "GET", "api/me" },
        { "DELETE", "api/me" },
        { "PUT", "api/me/profile" },
        { "GET", "api/me/predictions" },
        { "GET", $"api/me/predictions/{MissingId}" },
        { "DELETE", $"api/me/predictions/{MissingId}" },
        { "PATCH", $"api/me/predictions/{MissingId}/suggestions/00" },
        { "GET", "api/me/export" },
    };

    [Theory]
    [MemberData(nameof(SignedInRoutes))]
    public async Task EveryRoute_WithoutSignIn_Answers401Problem(string method, string path)
    {
        using var anonymous = fixture.Anonymous();

        using var response = await anonymous.SendAsync(new HttpMethod(method), path, method is "PUT" or "PATCH" ? """{"read":true}""" : null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChatBySavedId_WithoutSignIn_Answers401()
    {
        using var anonymous = fixture.Anonymous();

        using var chat = await anonymous.SendAsync(HttpMethod.Post, "api/chat", $$"""{"message":"What does it mean?","predictionId":"{{MissingId}}"}""");
        using var suggestions = await anonymous.SendAsync(HttpMethod.Post, "api/chat/suggestions", $$"""{"predictionId":"{{MissingId}}"}""");

        await AssertProblemAsync(chat, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(suggestions, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_SignedIn_AnswersWhoAndTheProfile()
    {
        using var ada = await fixture.SignInAsync("me-ada-oid", "ada@example.com");

        var before = await ada.GetJsonAsync("api/me");
        var put = await ada.PutProfileAsync("""{"dateOfBirth":"1961-03-15","sex":"female","bloodGroup":"O-"}""");
        var after = await ada.GetJsonAsync("api/me");

        Assert.Equal("aad", before["identityProvider"]!.GetValue<string>());
        Assert.Equal("me-ada-oid", before["userId"]!.GetValue<string>());
        Assert.Equal("ada@example.com", before["name"]!.GetValue<string>());
        Assert.Null(before["profile"]);
        Assert.Equal("1961-03-15", put["dateOfBirth"]!.GetValue<string>());
        var profile = after["profile"]!;
        Assert.Equal("female", profile["sex"]!.GetValue<string>());
        Assert.Equal("O-", profile["bloodGroup"]!.GetValue<string>());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var age = today.Year - 1961 - (new DateOnly(today.Year, 3, 15) > today ? 1 : 0);
        Assert.Equal(age, profile["age"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"dateOfBirth":"15/03/1961"}""", "dateOfBirth")]
    [InlineData("""{"dateOfBirth":"2999-01-01"}""", "dateOfBirth")]
    [InlineData("""{"dateOfBirth":"1850-01-01"}""", "dateOfBirth")]
    [InlineData("""{"sex":"robot"}""", "sex")]
    [InlineData("""{"bloodGroup":"C+"}""", "bloodGroup")]
    [InlineData("""{"sex":"female","email":"ada@example.com"}""", "email")]
    [InlineData("""{"sex":1}""", "sex")]
    [InlineData("""{"bloodGroup":"\ud800"}""", "body")]
    [InlineData("""{"\udc00":"x"}""", "body")]
    public async Task Profile_BadValue_Is400NamingTheFieldAndStoresNothing(string json, string field)
    {
        using var eve = await fixture.SignInAsync("profile-eve-oid", "eve@example.com");

        using var response = await eve.SendAsync(HttpMethod.Put, "api/me/profile", json);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty(await fixture.RowsOfAsync("profile-eve-oid"));
    }

    [Fact]
    public async Task Predict_SignedIn_IsSavedWithInputsResultModelAndTime_AndTheAnswerCarriesTheId()
    {
        using var ada = await fixture.SignInAsync("save-ada-oid", "ada@example.com");

        var answer = await ada.PredictAsync("heart");
        var id = answer["history"]!["id"]!.GetValue<string>();
        var saved = await ada.GetJsonAsync($"api/me/predictions/{id}");
        var rows = await fixture.RowsOfAsync("save-ada-oid");
        var row = Assert.Single(rows, r => r.RowKey.StartsWith("p|", StringComparison.Ordinal));

        Assert.True(answer["history"]!["saved"]!.GetValue<bool>());
        Assert.Equal(id, saved["id"]!.GetValue<string>());
        var prediction = saved["prediction"]!;
        Assert.Equal(answer["riskPercentage"]!.GetValue<double>(), prediction["riskPercentage"]!.GetValue<double>());
        Assert.Equal(answer["inputs"]!.ToJsonString(), prediction["inputs"]!.ToJsonString());
        Assert.Equal(answer["model"]!["sha256"]!.GetValue<string>(), prediction["model"]!["sha256"]!.GetValue<string>());
        // The explanation is kept with it (issue 15): the same factors, baseline and what-if as the answer.
        Assert.NotEmpty(prediction["factors"]!.AsArray());
        Assert.Equal(answer["factors"]!.ToJsonString(), prediction["factors"]!.ToJsonString());
        Assert.Equal(answer["baseline"]!.GetValue<double>(), prediction["baseline"]!.GetValue<double>());
        Assert.Equal(answer["whatIf"]!.ToJsonString(), prediction["whatIf"]!.ToJsonString());
        Assert.Null(prediction["history"]);
        Assert.Equal("p|" + id, row.RowKey);
        Assert.Equal(1, Assert.Single(rows, r => r.RowKey == "count").GetInt32("Predictions")); // the history's count, for its cap
        Assert.Equal(answer["model"]!["version"]!.GetValue<string>(), row.GetString("ModelVersion"));
        Assert.Equal(answer["model"]!["sha256"]!.GetValue<string>(), row.GetString("ModelSha256"));
        Assert.InRange(row.GetDateTimeOffset("SavedAt")!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(answer["history"]!["savedAt"]!.GetValue<DateTimeOffset>(), row.GetDateTimeOffset("SavedAt"));
    }

    [Fact]
    public async Task Predict_SignedInWithSaveFalse_IsNotStoredAndSaysSo()
    {
        using var ada = await fixture.SignInAsync("nosave-ada-oid", "ada@example.com");

        var answer = await ada.PredictAsync("liver", "?save=false");
        using var bad = await ada.SendAsync(HttpMethod.Post, "api/predict/liver?save=perhaps", TestPatients.Json("liver"));

        Assert.False(answer["history"]!["saved"]!.GetValue<bool>());
        Assert.Null(answer["history"]!["id"]);
        Assert.Contains("asked", answer["history"]!["reason"]!.GetValue<string>());
        var problem = await AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["save"]);
        Assert.Empty(await fixture.RowsOfAsync("nosave-ada-oid"));
    }

    [Fact]
    public async Task AnonymousPredictions_StoreNothing_CountingEveryEntity()
    {
        using var signedIn = await fixture.SignInAsync("count-ada-oid", "ada@example.com");
        await signedIn.SaveAsync("heart");
        var before = (await fixture.RowsAsync()).Count;
        using var anonymous = fixture.Anonymous();

        foreach (var disease in HealthOracle.Diseases.DiseaseCatalog.Keys)
        {
            var answer = await anonymous.PredictAsync(disease, "?save=true");
            Assert.Null(answer["history"]);
        }

        using var batch = await anonymous.SendAsync(HttpMethod.Post, "api/predict/heart", TestPatients.Array("heart", 3));
        using var form = await anonymous.Client.PostAsync("api/predict/lung", new StringContent(TestPatients.Form("lung"), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var html = new HttpRequestMessage(HttpMethod.Post, "api/pages/predict/kidney") { Content = new StringContent(TestPatients.Form("kidney"), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        html.Headers.Add("Accept", "text/html");
        using var page = await anonymous.Client.SendAsync(html);

        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.DoesNotContain("\"history\"", await batch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var answered = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"result\"", answered);
        Assert.DoesNotContain("saved-note", answered);
        Assert.DoesNotContain("Not saved", answered);
        Assert.Equal(before, (await fixture.RowsAsync()).Count);
    }

    [Fact]
    public async Task ForgedPrincipalHeaders_FromAnAnonymousCaller_AreStrippedAndIgnored()
    {
        using var victim = await fixture.SignInAsync("forged-victim-oid", "victim@example.com");
        var victimsId = await victim.SaveAsync("heart");
        using var mallory = fixture.Anonymous();
        var forged = ForgedHeaders("forged-victim-oid", "victim@example.com");

        using var me = await mallory.SendAsync(HttpMethod.Get, "api/me", headers: forged);
        using var read = await mallory.SendAsync(HttpMethod.Get, $"api/me/predictions/{victimsId}", headers: forged);
        using var erase = await mallory.SendAsync(HttpMethod.Delete, "api/me", headers: forged);
        using var predict = await mallory.SendAsync(HttpMethod.Post, "api/predict/heart", TestPatients.Json("heart"), forged);

        await AssertProblemAsync(me, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(read, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(erase, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.DoesNotContain("\"history\"", await predict.Content.ReadAsStringAsync());
        Assert.Single(await fixture.RowsOfAsync("forged-victim-oid"), r => r.RowKey.StartsWith("p|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgedPrincipalHeaders_FromASignedInCaller_AreReplacedByTheirOwn()
    {
        using var victim = await fixture.SignInAsync("forged2-victim-oid", "victim@example.com");
        var victimsId = await victim.SaveAsync("heart");
        using var mallory = await fixture.SignInAsync("forged2-mallory-oid", "mallory@example.com");
        var forged = ForgedHeaders("forged2-victim-oid", "victim@example.com");

        var me = JsonNode.Parse(await (await mallory.SendAsync(HttpMethod.Get, "api/me", headers: forged)).Content.ReadAsStringAsync())!;
        using var read = await mallory.SendAsync(HttpMethod.Get, $"api/me/predictions/{victimsId}", headers: forged);

        Assert.Equal("forged2-mallory-oid", me["userId"]!.GetValue<string>());
        await AssertProblemAsync(read, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TwoPeople_EveryRouteInBothDirections_NeverMix()
    {
        using var ada = await fixture.SignInAsync("mix-ada-oid", "ada@example.com");
        using var bob = await fixture.SignInAsync("mix-bob-oid", "bob@example.com");
        await ada.PutProfileAsync("""{"dateOfBirth":"1970-01-02","sex":"female","bloodGroup":"A+"}""");
        await bob.PutProfileAsync("""{"dateOfBirth":"1980-05-06","sex":"male","bloodGroup":"B-"}""");
        var adaId = await ada.SaveAsync("heart");
        var bobId = await bob.SaveAsync("diabetes");
        await ada.SuggestionsAsync(adaId);
        await bob.SuggestionsAsync(bobId);

        foreach (var (me, mine, other, theirs, myDob) in new[] { (ada, adaId, bob, bobId, "1970-01-02"), (bob, bobId, ada, adaId, "1980-05-06") })
        {
            Assert.Equal(myDob, (await me.GetJsonAsync("api/me"))["profile"]!["dateOfBirth"]!.GetValue<string>());
            Assert.Equal([mine], await me.ListAllAsync());
            var export = await me.GetJsonAsync("api/me/export");
            Assert.Equal(mine, Assert.Single(export["predictions"]!.AsArray())!["id"]!.GetValue<string>());
            Assert.Equal(myDob, export["profile"]!["dateOfBirth"]!.GetValue<string>());

            // Another person's id is answered exactly like an id that does not exist, on every route that takes one.
            foreach (var (method, path, json) in new (string, string, string?)[]
            {
                ("GET", $"api/me/predictions/{{0}}", null),
                ("DELETE", $"api/me/predictions/{{0}}", null),
                ("PATCH", $"api/me/predictions/{{0}}/suggestions/00", """{"read":true}"""),
                ("POST", "api/chat/suggestions", """{"predictionId":"{0}"}"""),
                ("POST", "api/chat", """{"message":"What does this mean?","predictionId":"{0}"}"""),
            })
            {
                using var foreign = await me.SendAsync(new HttpMethod(method), string.Format(path, theirs), json?.Replace("{0}", theirs));
                using var missing = await me.SendAsync(new HttpMethod(method), string.Format(path, MissingId), json?.Replace("{0}", MissingId));
                Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
                // The same answer, but for the ids of the call itself (every answer has its own request id).
                Assert.Equal(WithoutCallIds(await missing.Content.ReadAsStringAsync()), WithoutCallIds(await foreign.Content.ReadAsStringAsync()));
            }

            // ... and the other person's data is untouched by all of it.
            var theirsSaved = await other.GetJsonAsync($"api/me/predictions/{theirs}");
            Assert.All(theirsSaved["suggestions"]!.AsArray(), s => Assert.False(s!["read"]!.GetValue<bool>()));
            Assert.Equal(12, theirsSaved["suggestions"]!.AsArray().Count);
        }

        // Rows never cross partitions: each person's rows are theirs alone.
        Assert.Equal(1 + 1 + 12 + 1, (await fixture.RowsOfAsync("mix-ada-oid")).Count); // profile, prediction, suggestions, count
        Assert.Equal(1 + 1 + 12 + 1, (await fixture.RowsOfAsync("mix-bob-oid")).Count);
    }

    [Fact]
    public async Task Suggestions_BySavedId_UseTheStoredValuesAreSavedAndCanBeMarkedRead()
    {
        using var ada = await fixture.SignInAsync("sugg-ada-oid", "ada@example.com");
        var id = await ada.SaveAsync("heart");
        var stored = await ada.GetJsonAsync($"api/me/predictions/{id}");
        var before = fixture.Gemini.Requests.Count;

        var reply = await ada.SuggestionsAsync(id);
        var instruction = fixture.Gemini.Requests[before].SystemInstruction!;
        using var both = await ada.SendAsync(HttpMethod.Post, "api/chat/suggestions",
            $$$"""{"predictionId":"{{{id}}}","prediction":{"disease":"heart","riskPercentage":1}}""");
        using var read = await ada.SendAsync(HttpMethod.Patch, $"api/me/predictions/{id}/suggestions/03", """{"read":true}""");
        using var noFlag = await ada.SendAsync(HttpMethod.Patch, $"api/me/predictions/{id}/suggestions/03", """{}""");
        using var noSuch = await ada.SendAsync(HttpMethod.Patch, $"api/me/predictions/{id}/suggestions/40", """{"read":true}""");
        var detail = await ada.GetJsonAsync($"api/me/predictions/{id}");
        var list = await ada.GetJsonAsync("api/me/predictions");

        Assert.Equal(12, reply["suggestions"]!.AsArray().Count);
        Assert.True(reply["history"]!["saved"]!.GetValue<bool>());
        Assert.Contains($"\"riskPercentage\":{stored["prediction"]!["riskPercentage"]!.ToJsonString()}", instruction);
        Assert.Contains("\"field\":\"chol\"", instruction);
        var problem = await AssertProblemAsync(both, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["predictionId"]);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertProblemAsync(noFlag, HttpStatusCode.BadRequest);
        await AssertProblemAsync(noSuch, HttpStatusCode.NotFound);
        var suggestions = detail["suggestions"]!.AsArray();
        Assert.Equal(reply["suggestions"]!.AsArray().Select(s => s!.GetValue<string>()), suggestions.Select(s => s!["text"]!.GetValue<string>()));
        Assert.Equal(["03"], suggestions.Where(s => s!["read"]!.GetValue<bool>()).Select(s => s!["id"]!.GetValue<string>()));
        Assert.True(list["items"]![0]!["hasSuggestions"]!.GetValue<bool>());
        // The listing carries the saved answer's 95% range, so that no list shows a percentage without it.
        Assert.Equal(stored["prediction"]!["interval"]!.ToJsonString(), list["items"]![0]!["interval"]!.ToJsonString());
    }

    [Fact]
    public async Task Chat_BySavedId_AnswersWithTheStoredPredictionAsContext()
    {
        using var ada = await fixture.SignInAsync("chat-ada-oid", "ada@example.com");
        var id = await ada.SaveAsync("liver");
        fixture.Gemini.Enqueue(GeminiBehavior.Reply("Stand-in: about your liver result."));
        var before = fixture.Gemini.Requests.Count;

        using var response = await ada.SendAsync(HttpMethod.Post, "api/chat", $$"""{"message":"What does this mean?","predictionId":"{{id}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instruction = fixture.Gemini.Requests[before].SystemInstruction!;
        Assert.Contains("\"disease\":\"liver\"", instruction);
        Assert.Contains("\"field\":\"albumin\"", instruction);
    }

    [Fact]
    public async Task Delete_RemovesThePredictionAndItsSuggestions_AndIsThen404()
    {
        using var ada = await fixture.SignInAsync("delete-ada-oid", "ada@example.com");
        var keep = await ada.SaveAsync("heart");
        var gone = await ada.SaveAsync("heart");
        await ada.SuggestionsAsync(gone);
        Assert.Equal(1 + 1 + 12 + 1, (await fixture.RowsOfAsync("delete-ada-oid")).Count); // two predictions, suggestions, count

        using var delete = await ada.SendAsync(HttpMethod.Delete, $"api/me/predictions/{gone}");
        using var again = await ada.SendAsync(HttpMethod.Delete, $"api/me/predictions/{gone}");
        using var read = await ada.SendAsync(HttpMethod.Get, $"api/me/predictions/{gone}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.NotFound);
        await AssertProblemAsync(read, HttpStatusCode.NotFound);
        var rows = await fixture.RowsOfAsync("delete-ada-oid");
        Assert.Equal(["count", "p|" + keep], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal(1, rows.Single(r => r.RowKey == "count").GetInt32("Predictions"));
    }

    [Fact]
    public async Task Erase_LeavesZeroRowsForThatPerson_AndTheOtherPersonIntact()
    {
        using var ada = await fixture.SignInAsync("erase-ada-oid", "ada@example.com");
        using var bob = await fixture.SignInAsync("erase-bob-oid", "bob@example.com");
        foreach (var person in new[] { ada, bob })
        {
            await person.PutProfileAsync("""{"sex":"male"}""");
            await person.SuggestionsAsync(await person.SaveAsync("heart"));
            await person.SaveAsync("kidney");
        }

        var bobBefore = (await fixture.RowsOfAsync("erase-bob-oid")).Select(r => r.RowKey).Order().ToList();
        using var erase = await ada.SendAsync(HttpMethod.Delete, "api/me");
        var me = await ada.GetJsonAsync("api/me");

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        Assert.Empty(await fixture.RowsOfAsync("erase-ada-oid"));
        Assert.Null(me["profile"]);
        Assert.Empty(await ada.ListAllAsync());
        Assert.Equal(1 + 2 + 12 + 1, bobBefore.Count); // profile, predictions, suggestions, count
        Assert.Equal(bobBefore, (await fixture.RowsOfAsync("erase-bob-oid")).Select(r => r.RowKey).Order().ToList());
    }

    [Fact]
    public async Task Export_RoundTrip_HoldsEverythingStoredExactlyAsAnswered()
    {
        using var ada = await fixture.SignInAsync("export-ada-oid", "ada@example.com");
        var profile = await ada.PutProfileAsync("""{"dateOfBirth":"1955-12-31","sex":"female","bloodGroup":"AB+"}""");
        var answers = new List<JsonNode>();
        foreach (var disease in new[] { "heart", "diabetes", "kidney" })
        {
            answers.Add(await ada.PredictAsync(disease));
        }

        var suggestionsFor = answers[1]["history"]!["id"]!.GetValue<string>();
        await ada.SuggestionsAsync(suggestionsFor);
        using var read = await ada.SendAsync(HttpMethod.Patch, $"api/me/predictions/{suggestionsFor}/suggestions/00", """{"read":true}""");

        using var response = await ada.Client.GetAsync("api/me/export");
        var export = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("healthoracle-export/1", export["format"]!.GetValue<string>());
        Assert.Equal("export-ada-oid", export["account"]!["userId"]!.GetValue<string>());
        Assert.Equal(profile.ToJsonString(), export["profile"]!.ToJsonString());
        var predictions = export["predictions"]!.AsArray();
        Assert.Equal(answers.Select(a => a["history"]!["id"]!.GetValue<string>()).Reverse(), predictions.Select(p => p!["id"]!.GetValue<string>()));
        foreach (var exported in predictions)
        {
            var id = exported!["id"]!.GetValue<string>();
            var answer = answers.Single(a => a["history"]!["id"]!.GetValue<string>() == id).DeepClone().AsObject();
            answer.Remove("history");
            Assert.Equal(answer.ToJsonString(), exported["prediction"]!.ToJsonString());
            Assert.Equal((await ada.GetJsonAsync($"api/me/predictions/{id}")).ToJsonString(), exported.ToJsonString());
        }

        var withSuggestions = predictions.Single(p => p!["id"]!.GetValue<string>() == suggestionsFor)!["suggestions"]!.AsArray();
        Assert.Equal(12, withSuggestions.Count);
        Assert.True(withSuggestions[0]!["read"]!.GetValue<bool>());
        Assert.Equal(1 + 3 + 12 + 1, (await fixture.RowsOfAsync("export-ada-oid")).Count); // profile, predictions, suggestions, count
    }

    [Fact]
    public async Task FormPostInOtherUnits_KeepsTheUnitsTyped_InTheSavedResultItsPageAndTheExport_AndOlderResultsStillRead()
    {
        using var ada = await fixture.SignInAsync("units-ada-oid", "ada@example.com");
        var form = TestPatients.Form("kidney").Replace("serum_creatinine=1.2", "serum_creatinine=88%2C4&serum_creatinine.unit=%C2%B5mol%2Fl", StringComparison.Ordinal);
        using (var posted = await ada.Client.PostAsync("api/pages/predict/kidney", new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var id = Assert.Single(await ada.ListAllAsync());
        var saved = await ada.GetJsonAsync($"api/me/predictions/{id}");
        var page = await ada.Client.GetStringAsync($"api/pages/predictions/{id}");
        var export = JsonNode.Parse(await ada.Client.GetStringAsync("api/me/export"))!;
        // A JSON client's values are in the fields' units: nothing other was typed.
        var json = await ada.SaveAsync("kidney");

        Assert.Equal("""{"serum_creatinine":"µmol/l"}""", saved["typedUnits"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(88.4 * 0.0113118, saved["prediction"]!["inputs"]!["serum_creatinine"]!.GetValue<double>(), 12); // in mg/dl, by the definition's factor
        Assert.Contains("88.4 µmol/l (1 mg/dl)", System.Net.WebUtility.HtmlDecode(page));
        Assert.Equal(saved.ToJsonString(), export["predictions"]![0]!.ToJsonString());
        Assert.Equal("{}", (await ada.GetJsonAsync($"api/me/predictions/{json}"))["typedUnits"]!.ToJsonString());

        // A result saved before the units were kept (no TypedUnits column) reads as before: no typedUnits, values in
        // the fields' units, or in the unit system the site asks for.
        var table = new Azure.Data.Tables.TableClient(fixture.Storage.ConnectionString, "people");
        var row = (await fixture.RowsOfAsync("units-ada-oid")).Single(r => r.RowKey == "p|" + id);
        row.Remove("TypedUnits");
        await table.UpsertEntityAsync(row, Azure.Data.Tables.TableUpdateMode.Replace);
        var older = await ada.GetJsonAsync($"api/me/predictions/{id}");
        Assert.Null(older["typedUnits"]);
        Assert.Equal(saved["prediction"]!.ToJsonString(), older["prediction"]!.ToJsonString());
        Assert.Contains(">1 mg/dl<", await ada.Client.GetStringAsync($"api/pages/predictions/{id}"));
        Assert.Contains("88.4 µmol/l (1 mg/dl)", System.Net.WebUtility.HtmlDecode(await ada.Client.GetStringAsync($"api/pages/predictions/{id}?units=si")));
    }

    [Fact]
    public async Task Listing_Over250Saved_PagesNewestFirstWithoutGapsOrRepeats_AndFiltersByDisease()
    {
        using var ada = await fixture.SignInAsync("paging-ada-oid", "ada@example.com");
        var saved = new List<string>();
        for (var i = 0; i < 260; i++)
        {
            saved.Add(await ada.SaveAsync(i % 4 == 0 ? "lung" : "heart"));
        }

        var all = await ada.ListAllAsync(pageSize: 100);
        var small = await ada.ListAllAsync(pageSize: 7);
        var lung = await ada.ListAllAsync(pageSize: 20, disease: "lung");
        var first = await ada.GetJsonAsync("api/me/predictions");
        using var tooBig = await ada.SendAsync(HttpMethod.Get, "api/me/predictions?pageSize=101");
        using var badDisease = await ada.SendAsync(HttpMethod.Get, "api/me/predictions?disease=spleen");
        using var badToken = await ada.SendAsync(HttpMethod.Get, "api/me/predictions?continuation=abc");

        Assert.Equal(Enumerable.Reverse(saved), all);
        Assert.Equal(all, small);
        Assert.Equal(saved.Where((_, i) => i % 4 == 0).Reverse(), lung);
        Assert.Equal(20, first["items"]!.AsArray().Count);
        Assert.Equal(all[19], first["continuation"]!.GetValue<string>());
        Assert.NotNull((await AssertProblemAsync(tooBig, HttpStatusCode.BadRequest))["errors"]!["pageSize"]);
        Assert.NotNull((await AssertProblemAsync(badDisease, HttpStatusCode.BadRequest))["errors"]!["disease"]);
        Assert.NotNull((await AssertProblemAsync(badToken, HttpStatusCode.BadRequest))["errors"]!["continuation"]);
    }

    [Fact]
    public async Task FiftyConcurrentSaves_ByOnePerson_AreAllListedOnce()
    {
        using var ada = await fixture.SignInAsync("concurrent-ada-oid", "ada@example.com");

        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ada.SaveAsync("diabetes")));
        var listed = await ada.ListAllAsync(pageSize: 100);

        Assert.Equal(50, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        var rows = await fixture.RowsOfAsync("concurrent-ada-oid");
        Assert.Equal(50 + 1, rows.Count);
        Assert.Equal(50, rows.Single(r => r.RowKey == "count").GetInt32("Predictions"));
    }

    private static string WithoutCallIds(string problem) =>
        System.Text.RegularExpressions.Regex.Replace(problem, "\"(requestId|traceId)\":\"[^\"]*\"", "\"$1\":\"\"");

    private static Dictionary<string, string> ForgedHeaders(string userId, string name) => new()
    {
        ["X-MS-CLIENT-PRINCIPAL-ID"] = userId,
        ["X-MS-CLIENT-PRINCIPAL-NAME"] = name,
        ["X-MS-CLIENT-PRINCIPAL-IDP"] = "aad",
        ["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"{{userId}}"}]}""")),
    };

    internal static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }
}
