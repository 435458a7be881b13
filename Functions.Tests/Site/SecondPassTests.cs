using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// Issue 30, items 1–9: what people tripped over on the site, each walked in Chromium as a person meets it (signed in
/// where it concerns a history). Each test names its item.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SecondPassTests(AccountSiteFixture site) : IClassFixture<AccountSiteFixture>
{
    /// <summary>Item 1: two saved results are listed once, counted once, and nothing offers "older" results that are not there.</summary>
    [Fact]
    public async Task Item1_History_TwoResults_AreListedOnceWithNoOlderButton()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "second-pass-history-oid");
        for (var i = 0; i < 2; i++)
        {
            await page.OpenAsync(site.Site, "lung.html");
            await page.FillFormAsync(Patients.For("lung"));
            await page.ClickAsync("#predict-form button[type=submit]");
            await page.Locator("#result .saved-note").WaitForAsync();
        }

        await page.GotoAsync(new Uri(site.Site, "history.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();

        await Assertions.Expect(page.Locator("#history-rows tr")).ToHaveCountAsync(2);
        Assert.Equal(0, await page.Locator("#history-more:visible").CountAsync());
        Assert.StartsWith("2 saved results shown.", await page.Locator("#history-status").InnerTextAsync());
        Assert.Contains("Lung: 2 results", await page.Locator("figure[data-disease='lung'] svg").GetAttributeAsync("aria-label"));
    }

    /// <summary>Item 2 (and the unit system of step 3): a saved result shows its values at a lab's precision in the unit typed, and so do its factors.</summary>
    [Fact]
    public async Task Item2_SavedResult_ShowsValuesAtLabPrecisionInTheUnitTyped()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "second-pass-units-oid");
        await page.OpenAsync(site.Site, "kidney.html");
        await page.FillFormAsync(Patients.For("kidney"));
        // The lab report is in SI units: the page-wide switch converts what was typed, then the creatinine is typed as printed.
        await page.SelectOptionAsync("#unit-system", "si");
        Assert.Equal("154", await page.InputValueAsync("#f-hemoglobin"));
        Assert.Equal("µmol/l", await page.InputValueAsync("#f-serum_creatinine-unit"));
        await page.FillAsync("#f-serum_creatinine", "88.4");
        await page.FillAsync("#f-specific_gravity", "1.015");
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result .saved-note a").ClickAsync();
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await page.Locator("#result").WaitForAsync();

        var text = await page.Locator("#result").InnerTextAsync();
        Assert.DoesNotMatch(@"\d\.\d{5,}", text);
        var creatinine = await page.Locator("#result .values-used tr", new() { HasText = "Serum creatinine" }).InnerTextAsync();
        Assert.Contains("88.4 µmol/l (1 mg/dl)", creatinine);
        Assert.Contains("1.015", await page.Locator("#result .values-used tr", new() { HasText = "specific gravity" }).InnerTextAsync());
        Assert.DoesNotContain("1.02\n", text);
    }

    /// <summary>
    /// Issue 30 step 3: the unit each value was typed in is kept with the saved result, so the saved result shows it as the
    /// live one did, whatever unit system the site is in when it is read (creatinine typed in µmol/l under conventional
    /// units, haemoglobin in g/dl; read after switching to SI).
    /// </summary>
    [Fact]
    public async Task SavedResult_ShowsEachValueInTheUnitItWasTyped_WhateverTheUnitSystemNow()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "second-pass-typed-units-oid");
        await page.OpenAsync(site.Site, "kidney.html");
        await page.FillFormAsync(Patients.For("kidney"));
        await page.SelectOptionAsync("#f-serum_creatinine-unit", "µmol/l");
        await page.FillAsync("#f-serum_creatinine", "88,4");
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result .saved-note a").WaitForAsync();
        var live = await page.Locator("#result .values-used tr", new() { HasText = "Serum creatinine" }).InnerTextAsync();
        var hemoglobin = await page.Locator("#result .values-used tr", new() { HasText = "Haemoglobin" }).InnerTextAsync();
        // The site is in SI units now (as choosing it on any form leaves it).
        await page.EvaluateAsync("() => localStorage.setItem('healthoracle.units', 'si')");
        await page.Locator("#result .saved-note a").ClickAsync();
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await page.Locator("#result").WaitForAsync();

        Assert.Contains("88.4 µmol/l (1 mg/dl)", live);
        Assert.Equal(live, await page.Locator("#result .values-used tr", new() { HasText = "Serum creatinine" }).InnerTextAsync());
        Assert.Equal(hemoglobin, await page.Locator("#result .values-used tr", new() { HasText = "Haemoglobin" }).InnerTextAsync());
        Assert.DoesNotContain("g/l", hemoglobin);
        await Axe.AssertNoViolationsAsync(page, "prediction.html with values in the units typed");
    }

    /// <summary>Item 3: signed out, asking about a saved result says so in plain words and offers the sign-in.</summary>
    [Fact]
    public async Task Item3_Chat_SavedResultSignedOut_SaysSignInInPlainWordsWithALink()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site.Site, "chat.html").AbsoluteUri);
        await page.EvaluateAsync("() => sessionStorage.setItem('healthoracle.chat-start', 'predictionId=0000000000000000000000000000')");
        await page.ReloadAsync();
        await page.Locator("#chat-error:not([hidden])").WaitForAsync();

        var error = await page.Locator("#chat-error").InnerTextAsync();
        Assert.DoesNotContain("credentials", error);
        Assert.DoesNotContain("route", error);
        Assert.Contains("Sign in", error);
        var link = page.Locator("main a", new() { HasText = "Sign in" });
        Assert.Contains("/.auth/login", await link.First.GetAttributeAsync("href"));
    }

    /// <summary>Item 4 (step 3): the unit system is one page-wide choice that is remembered, and a value plausible in the other unit is named.</summary>
    [Fact]
    public async Task Item4_UnitSystem_IsRememberedAcrossPages_AndAValueInTheOtherUnitIsNamed()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "heart.html");
        await page.SelectOptionAsync("#unit-system", "si");
        Assert.Equal("mmol/l", await page.InputValueAsync("#f-chol-unit"));

        await page.ReloadAsync();
        await page.Locator("form[data-ready='true']").WaitForAsync();
        Assert.Equal("si", await page.InputValueAsync("#unit-system"));
        Assert.Equal("mmol/l", await page.InputValueAsync("#f-chol-unit"));
        await page.OpenAsync(site.Site, "kidney.html");
        Assert.Equal("µmol/l", await page.InputValueAsync("#f-serum_creatinine-unit"));
        Assert.Equal("g/l", await page.InputValueAsync("#f-hemoglobin-unit"));

        // Back to conventional units, and a cholesterol typed as a lab prints it in mmol/l.
        await page.OpenAsync(site.Site, "heart.html");
        await page.SelectOptionAsync("#unit-system", "conventional");
        await page.FillFormAsync(Patients.For("heart"));
        await page.FillAsync("#f-chol", "5.2");
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#f-chol-error").WaitForAsync();

        Assert.Contains("Did you mean 5.2 mmol/l?", await page.Locator("#f-chol-error").InnerTextAsync());
        Assert.Contains("Did you mean 5.2 mmol/l?", await page.Locator("#error-summary").InnerTextAsync());
    }

    /// <summary>Item 5: two values moved are both named; the slider's range is said; the headline and what-if agree.</summary>
    [Fact]
    public async Task Item5_WhatIf_NamesEveryChangedValue_SaysTheSlidersRange_AndAgreesWithTheHeadline()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "heart.html");
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#what-if-trestbps[type=range]").WaitForAsync();

        var hint = await page.Locator("#what-if-trestbps-hint").InnerTextAsync();
        var min = await page.GetAttributeAsync("#what-if-trestbps", "min");
        Assert.Contains($"from {min} ", hint);
        await page.Locator("#what-if-trestbps").FillAsync("120");
        await page.Locator("#what-if-chol").FillAsync("190");
        var outcome = page.Locator("#what-if-outcome");
        await Assertions.Expect(outcome).ToContainTextAsync("resting blood pressure at 120 mm Hg");
        await Assertions.Expect(outcome).ToContainTextAsync("serum cholesterol at 190 mg/dl");

        // Diabetes: the headline's percentage is the what-if's "your values" percentage, in the same words.
        await page.OpenAsync(site.Site, "diabetes.html");
        await page.FillFormAsync(Patients.For("diabetes"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();
        var headline = await page.Locator("#result .risk-percent").InnerTextAsync();
        await page.ClickAsync("#result .what-if-form button[type=submit]");
        await Assertions.Expect(outcome).ToContainTextAsync($"the estimate is {headline}");
        Assert.DoesNotContain("±", await page.Locator("#result").InnerTextAsync());
    }

    /// <summary>
    /// Issue 30 step 5: lab values typed in SI get their what-if slider, its healthy range, its scale and the change's
    /// words in SI (the request sends the unit, the server converts it by the definition's factor); a value typed in
    /// µmol/l is not moved by the slider's grid; a value without a slider (creatinine) still reads as typed.
    /// </summary>
    [Fact]
    public async Task WhatIf_ValuesTypedInSI_AreMovedAndWordedInSI()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "heart.html");
        await page.SelectOptionAsync("#unit-system", "si");
        await page.FillFormAsync(new Dictionary<string, string>(Patients.For("heart")) { ["chol"] = "6,2" });
        await page.ClickAsync("#predict-form button[type=submit]");
        var slider = page.Locator("#what-if-chol[type=range]");
        await slider.WaitForAsync();

        Assert.Equal("6.2", await slider.InputValueAsync());
        var hint = await page.Locator("#what-if-chol-hint").InnerTextAsync();
        Assert.Contains("Yours: 6.2 mmol/l (239.7 mg/dl).", hint);
        Assert.Contains("Healthy: 2.07–5.17 mmol/l.", hint);
        Assert.Contains($"The slider goes from {await slider.GetAttributeAsync("min")} to {await slider.GetAttributeAsync("max")} mmol/l", hint);
        Assert.Equal("6.2 mmol/l", await page.Locator("output[for='what-if-chol']").InnerTextAsync());
        var asked = await page.RunAndWaitForRequestAsync(() => slider.FillAsync("5"), request => request.Url.Contains("/what-if", StringComparison.Ordinal));
        var sent = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(asked.PostData!);
        Assert.Equal("5", sent["whatif.chol"].ToString());
        Assert.Equal("mmol/l", sent["whatif.chol.unit"].ToString());
        await Assertions.Expect(page.Locator("#what-if-outcome")).ToContainTextAsync("serum cholesterol at 5 mmol/l (193.3 mg/dl)");
        await Axe.AssertNoViolationsAsync(page, "heart what-if in SI");

        // Diabetes and kidney: glucose in mmol/l; creatinine in µmol/l has no slider but reads as typed.
        foreach (var (disease, field, typed) in new[] { ("diabetes", "glucose", "7,8"), ("kidney", "blood_glucose_random", "6,7") })
        {
            // Conventional units for the page, SI chosen for the one value: the slider follows the unit typed.
            await page.OpenAsync(site.Site, disease + ".html");
            await page.SelectOptionAsync("#unit-system", "conventional");
            await page.FillFormAsync(Patients.For(disease));
            await page.SelectOptionAsync($"#f-{field}-unit", "mmol/l");
            await page.FillAsync($"#f-{field}", typed);
            if (disease == "kidney")
            {
                await page.SelectOptionAsync("#f-serum_creatinine-unit", "µmol/l");
                await page.FillAsync("#f-serum_creatinine", "88,4");
            }

            await page.ClickAsync("#predict-form button[type=submit]");
            var glucose = page.Locator($"#what-if-{field}[type=range]");
            await glucose.WaitForAsync();
            Assert.Equal(typed.Replace(',', '.'), await glucose.InputValueAsync());
            Assert.Equal("mmol/l", await glucose.GetAttributeAsync("data-unit"));
            Assert.Contains("Healthy: 3.89–7.71 mmol/l.", await page.Locator($"#what-if-{field}-hint").InnerTextAsync());
        }

        Assert.Equal(0, await page.Locator("#what-if-serum_creatinine").CountAsync());
        Assert.Contains("88.4 µmol/l (1 mg/dl)", await page.Locator("#result .values-used tr", new() { HasText = "Serum creatinine" }).InnerTextAsync());
    }

    /// <summary>Item 6: without JavaScript the factors listed and the "others" line add up to the difference the page states.</summary>
    [Fact]
    public async Task Item6_NoJavaScript_FactorsListAnOthersLine()
    {
        await using var context = await site.NewContextAsync(javaScript: false, width: 1024);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site.Site, "heart.html").AbsoluteUri);
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();

        Assert.Equal(5, await page.Locator("#result .factor-bars li").CountAsync());
        Assert.Matches(@"^\d+ other values (together make it|moved it by)", await page.Locator("#result .factors-others").InnerTextAsync());
    }

    /// <summary>Item 7: the words a person reads: healthy targets of a choice, no "count" or "score" after a number, no wire names, a date hint in the field's own terms.</summary>
    [Fact]
    public async Task Item7_Wording_IsAPersonsNotTheWires()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "diabetes.html");
        await page.FillFormAsync(Patients.For("diabetes"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();
        var diabetes = await page.Locator("#result").InnerTextAsync();
        Assert.DoesNotMatch(@"\d (count|score)\b", diabetes);
        Assert.DoesNotMatch(@"(lowers|raises) it by [−-]", diabetes);

        await page.OpenAsync(site.Site, "heart.html");
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();
        foreach (var hint in await page.Locator("#result .what-if-field .hint").AllInnerTextsAsync())
        {
            Assert.DoesNotMatch(@"Healthy: (.+)–\1\.", hint);
        }

        await SignInAsync(page, "second-pass-words-oid");
        await page.GotoAsync(new Uri(site.Site, "account.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", await page.Locator("#dateOfBirth-hint").InnerTextAsync());
        await page.FillAsync("#dateOfBirth", "1850-01-01");
        await page.ClickAsync("#profile-form button[type=submit]");
        await page.Locator("#profile-errors:not([hidden])").WaitForAsync();
        var errors = await page.Locator("#profile-errors").InnerTextAsync();
        Assert.DoesNotContain("dateOfBirth", errors);
        Assert.Contains("Date of birth must be", errors);
    }

    /// <summary>Item 8: every page reflows at 320 px, and axe finds nothing of any impact on the pages it named.</summary>
    [Fact]
    public async Task Item8_EveryPage_ReflowsAt320Px_AndAxeFindsNothingOnAboutApiAndModelPages()
    {
        await using var context = await site.NewContextAsync(width: 320);
        var page = await context.NewPageAsync();
        var pages = new[] { "index.html", "about.html", "chat.html", "api.html", "account.html", "history.html" }
            .Concat(HealthOracle.Diseases.DiseaseCatalog.Keys.Select(d => d + ".html"))
            .Concat(HealthOracle.Diseases.DiseaseCatalog.Keys.Select(d => $"model-{d}.html"));
        var wide = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync(new Uri(site.Site, path).AbsoluteUri);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (path == "api.html")
            {
                await page.Locator("#api-reference .opblock").First.WaitForAsync();
            }

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 320)
            {
                wide.Add($"{path}: {width} px");
            }

            if (path is "about.html" or "api.html" || path.StartsWith("model-", StringComparison.Ordinal))
            {
                await Axe.AssertNoViolationsAsync(page, path);
            }
        }

        Assert.True(wide.Count == 0, string.Join(", ", wide));
    }

    /// <summary>Item 9: print names the site, its address and the factors; delete confirms and Cancel returns focus; signed out nothing errs in the console; the export is readable.</summary>
    [Fact]
    public async Task Item9_PrintDeleteConsoleAndExport()
    {
        await using var context = await site.NewContextAsync(width: 1280);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                console.Add(message.Text);
            }
        };
        var schemaRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "GET" && request.Url.Contains("/api/predict/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref schemaRequests);
            }
        };

        // Signed out: no page logs an error (a 401 from asking who is signed in is not one).
        await page.OpenAsync(site.Site, "heart.html");
        await page.Locator("html[data-account='signed-out']").WaitForAsync();
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();
        Assert.Empty(console);
        Assert.Equal(0, schemaRequests);

        // Print: the site's name and address, the result, the top factors, the disclaimer.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.True(await page.Locator(".print-header").IsVisibleAsync(), "the site's name is printed");
        Assert.Contains(site.Site.Host, await page.Locator(".print-header").InnerTextAsync());
        Assert.True(await page.Locator("#result .factor-bars").IsVisibleAsync(), "the factors are printed");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Signed in: delete a saved result, with Cancel first.
        await SignInAsync(page, "second-pass-delete-oid");
        await page.OpenAsync(site.Site, "heart.html");
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result .saved-note a").ClickAsync();
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await page.ClickAsync("#delete-prediction");
        await page.ClickAsync("#delete-no");
        Assert.Equal("delete-prediction", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.ClickAsync("#delete-prediction");
        await page.ClickAsync("#delete-yes");
        await page.WaitForURLAsync("**/history.html?deleted=1");
        await page.Locator("body[data-ready='true']").WaitForAsync();
        Assert.Contains("deleted", await page.Locator("main [role=status]").First.InnerTextAsync());

        // The export is readable: one value a line.
        await page.GotoAsync(new Uri(site.Site, "account.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-data"));
        var export = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.True(export.Split('\n').Length > 5, "the export is indented");
    }

    /// <summary>
    /// Issue 30 item 4: no page logs an error or a warning in the console, and no request fails (a 4xx or 5xx answer, or
    /// none), signed out and signed in; history.html and prediction.html signed out offer the sign-in instead.
    /// </summary>
    [Fact]
    public async Task EveryPage_SignedOutAndSignedIn_LogsNothingAndNoRequestFails()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var at = "";
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (problems) { problems.Add($"{at}: console {message.Type}: {message.Text}"); }
            }
        };
        page.RequestFailed += (_, request) => { lock (problems) { problems.Add($"{at}: failed {request.Method} {request.Url}"); } };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (problems) { problems.Add($"{at}: {response.Status} {response.Request.Method} {response.Url}"); }
            }
        };
        var pages = new[] { "index.html", "about.html", "chat.html", "api.html", "account.html", "history.html" }
            .Concat(HealthOracle.Diseases.DiseaseCatalog.Keys.Select(d => d + ".html"))
            .Concat(HealthOracle.Diseases.DiseaseCatalog.Keys.Select(d => $"model-{d}.html"));

        async Task VisitAllAsync(string state, string savedId)
        {
            foreach (var path in pages.Append($"prediction.html?id={savedId}"))
            {
                at = $"{path}, {state}";
                await page.GotoAsync(new Uri(site.Site, path).AbsoluteUri);
                await page.Locator($"html[data-account='{state}']").WaitForAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (path.StartsWith("history.html", StringComparison.Ordinal) || path.StartsWith("prediction.html", StringComparison.Ordinal))
                {
                    await page.Locator("body[data-ready='true']").WaitForAsync();
                }
            }
        }

        await VisitAllAsync("signed-out", "0000000000000000000000000000");
        var signedOutPrompt = await page.Locator("#signed-out").IsVisibleAsync();
        var signInHref = await page.Locator("#sign-in-link").GetAttributeAsync("href");

        await SignInAsync(page, "second-pass-console-oid");
        await page.OpenAsync(site.Site, "lung.html");
        await page.FillFormAsync(Patients.For("lung"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result .saved-note a").WaitForAsync();
        var id = new Uri(new Uri(page.Url), await page.Locator("#result .saved-note a").GetAttributeAsync("href")).Query.Split('=')[1];
        await VisitAllAsync("signed-in", id);

        Assert.True(signedOutPrompt, "prediction.html signed out offers the sign-in");
        Assert.Contains("post_login_redirect_uri=" + Uri.EscapeDataString(new Uri(site.Site, "prediction.html?id=0000000000000000000000000000").AbsoluteUri), signInHref);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Step 2: every result shows a healthy person like you, with its range, what it is relative to and what it is not.</summary>
    [Theory]
    [MemberData(nameof(PredictFormTests.Diseases), MemberType = typeof(PredictFormTests))]
    public async Task HealthyComparison_IsOnEveryResult_WithItsRangeAndWhatItIsNot(string disease)
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, disease + ".html");
        await page.FillFormAsync(Patients.For(disease));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();

        var section = page.Locator("#result .healthy-comparison");
        await Assertions.Expect(section.Locator("h3")).ToHaveTextAsync("A healthy person like you");
        var figure = await section.Locator(".healthy-figure").InnerTextAsync();
        Assert.Matches(@"(less than 1|more than 99|just under 30|just over 60|\d+)% \(95% range ", figure);
        var note = await section.Locator(".healthy-note").InnerTextAsync();
        Assert.Contains("relative to the same people", note);
        Assert.Contains("Neither percentage is a 10-year risk", note);
        await Axe.AssertNoViolationsAsync(page, $"{disease} result with the healthy comparison");
    }

    private async Task SignInAsync(IPage page, string userId)
    {
        await page.GotoAsync(new Uri(site.Api, $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(new Uri(site.Site, "account.html").AbsoluteUri)}").AbsoluteUri);
        await page.FillAsync("#user_id", userId);
        await page.FillAsync("#user_name", userId + "@example.com");
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(new Uri(site.Site, "account.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
    }
}
