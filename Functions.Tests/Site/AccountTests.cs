using System.Text.Json;
using Azure.Data.Tables;
using HealthOracle.Functions.Identity;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>The site with accounts on: Azurite's table service beside the models, and DevHost's sign-in.</summary>
public sealed class AccountSiteFixture : SiteFixture
{
    protected override bool Accounts => true;
}

/// <summary>A person walks through their account in Chromium: sign in, profile, prefilled forms, history with charts, a saved result, the assistant, delete, download, erase, sign out.</summary>
[Trait("Category", "Browser")]
public sealed class AccountTests(AccountSiteFixture site) : IClassFixture<AccountSiteFixture>
{
    private const string UserId = "site-walk-ada-oid";
    private const string UserName = "ada@example.com";

    [Fact]
    public async Task APerson_WalksThroughTheirAccount()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();

        // Signed out: the account page offers sign-in; DevHost's sign-in form sends the person back.
        await page.GotoAsync(new Uri(site.Site, "account.html").AbsoluteUri);
        await page.Locator("#signed-out:not([hidden])").WaitForAsync();
        await Assertions.Expect(page.Locator(".site-header .account-link:not([hidden]) a")).ToHaveTextAsync("Sign in");
        await Axe.AssertNoViolationsAsync(page, "account.html, signed out");
        await page.ClickAsync("#sign-in-link");
        await page.FillAsync("#user_id", UserId);
        await page.FillAsync("#user_name", UserName);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(new Uri(site.Site, "account.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await Assertions.Expect(page.Locator("#account-name")).ToHaveTextAsync(UserName);
        await Assertions.Expect(page.Locator(".site-header .account-link:not([hidden]) a")).ToHaveTextAsync("Sign out");

        // Profile, with a field to correct first.
        await page.FillAsync("#dateOfBirth", "1961-03-15");
        await page.SelectOptionAsync("#sex", "female");
        await page.SelectOptionAsync("#bloodGroup", "O+");
        await page.ClickAsync("#profile-form button[type=submit]");
        await Assertions.Expect(page.Locator("#profile-status")).ToContainTextAsync("Profile saved");
        var age = AgeOn(new DateOnly(1961, 3, 15));
        await Assertions.Expect(page.Locator("#profile-status")).ToContainTextAsync($"{age}");
        await Screenshots.SaveAsync(page, "account");
        await Axe.AssertNoViolationsAsync(page, "account.html, signed in");
        await page.GotoAsync(new Uri(site.Site, "history.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await page.Locator("#history-empty").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "history.html, empty");

        // The forms are prefilled from the profile; each result says it was saved.
        await page.OpenAsync(site.Site, "heart.html");
        Assert.Equal(age.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InputValueAsync("#predict-form [name='age']"));
        Assert.Equal("0", await page.InputValueAsync("#predict-form [name='sex']"));
        var older = await PredictAsync(page, "heart", new Dictionary<string, string> { ["chol"] = "190" });
        var newer = await PredictAsync(page, "heart", new Dictionary<string, string> { ["chol"] = "320", ["thalach"] = "110" });
        await page.OpenAsync(site.Site, "liver.html");
        Assert.Equal("0", await page.InputValueAsync("#predict-form [name='gender']"));
        await PredictAsync(page, "liver", []);
        await page.OpenAsync(site.Site, "lung.html");
        await page.UncheckAsync("input[name='save-to-history']");
        await page.FillFormAsync(Patients.For("lung").Where(f => f.Key != "age").ToDictionary());
        await page.ClickAsync("#predict-form button[type=submit]");
        await Assertions.Expect(page.Locator("#result .notice[role='status']")).ToContainTextAsync("You asked for this prediction not to be saved");

        // History: newest first, one chart per test, a filter.
        await page.GotoAsync(new Uri(site.Site, "history.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
        Assert.Equal([newer, older], (await page.Locator("#history-rows tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Where(id => id == newer || id == older));
        Assert.Equal(3, await page.Locator("#history-rows tr").CountAsync());
        Assert.Contains("(95% range ", await page.Locator($"#history-rows tr[data-id='{newer}'] td").Nth(2).InnerTextAsync());
        Assert.Equal(2, await page.Locator("figure[data-disease='heart'] circle").CountAsync());
        Assert.Equal(1, await page.Locator("figure[data-disease='heart'] polyline").CountAsync());
        Assert.Equal(1, await page.Locator("figure[data-disease='liver'] circle").CountAsync());
        Assert.Equal(0, await page.Locator("figure[data-disease='lung']").CountAsync());
        Assert.Contains("2 results", await page.Locator("figure[data-disease='heart'] svg").GetAttributeAsync("aria-label"));
        await Screenshots.SaveAsync(page, "history");
        await Axe.AssertNoViolationsAsync(page, "history.html with charts");
        await page.SelectOptionAsync("#disease-filter", "liver");
        await Assertions.Expect(page.Locator("#history-rows tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("figure[data-disease='heart']")).ToHaveCountAsync(0);
        await page.SelectOptionAsync("#disease-filter", "");
        await Assertions.Expect(page.Locator("#history-rows tr")).ToHaveCountAsync(3);

        // One saved result: its suggestions are saved and can be marked read.
        await page.ClickAsync($"#history-rows tr[data-id='{newer}'] a");
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Heart: saved result");
        await Assertions.Expect(page.Locator("#result .values-used")).ToContainTextAsync("320");
        // With what the percentage is relative to and the factors it was saved with.
        await Assertions.Expect(page.Locator("#result .relative-to")).ToContainTextAsync("coronary angiography");
        Assert.True(await page.Locator("#result .factor-bars li").CountAsync() > 0);
        await page.ClickAsync("text=Get suggestions");
        await Assertions.Expect(page.Locator("#suggestions-list li")).ToHaveCountAsync(12);
        await page.CheckAsync("#read-00");
        await Assertions.Expect(page.Locator("#suggestions-status")).ToHaveTextAsync("Marked as read.");
        await page.ReloadAsync();
        await page.Locator("body[data-ready='true']").WaitForAsync();
        Assert.True(await page.IsCheckedAsync("#read-00"));
        Assert.False(await page.IsCheckedAsync("#read-01"));
        await Screenshots.SaveAsync(page, "saved-result");
        await Axe.AssertNoViolationsAsync(page, "prediction.html with factors and suggestions");

        // The assistant, asked about that saved result: the page sends only its id.
        await page.ClickAsync("text=Ask the assistant about this result");
        await page.Locator("form[data-ready='true']").WaitForAsync();
        await Assertions.Expect(page.Locator("#chat-context")).ToContainTextAsync("saved Heart result");
        var before = site.Gemini.Requests.Count;
        var asked = await ChatTests.AskAsync(page, "What does this result mean?");
        var sent = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(asked.Request.PostData!);
        Assert.Equal(200, asked.Status);
        Assert.Equal(newer, sent["predictionId"].ToString());
        Assert.False(sent.ContainsKey("prediction"));
        Assert.Contains("\"value\":320", site.Gemini.Requests[before].SystemInstruction);

        // Delete the older heart result.
        await page.GotoAsync(new Uri(site.Site, $"prediction.html?id={older}").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await page.ClickAsync("#delete-prediction");
        await page.ClickAsync("#delete-yes");
        await page.WaitForURLAsync("**/history.html?deleted=1");
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await Assertions.Expect(page.Locator("#history-rows tr")).ToHaveCountAsync(2);
        Assert.Equal(1, await page.Locator("figure[data-disease='heart'] circle").CountAsync());

        // Download my data, then erase it.
        await page.GotoAsync(new Uri(site.Site, "account.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
        Assert.Equal("1961-03-15", await page.InputValueAsync("#dateOfBirth"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-data"));
        var export = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)).RootElement;
        Assert.Equal("healthoracle-export.json", download.SuggestedFilename);
        Assert.Equal("1961-03-15", export.GetProperty("profile").GetProperty("dateOfBirth").GetString());
        Assert.Equal(2, export.GetProperty("predictions").GetArrayLength());
        var exported = export.GetProperty("predictions").EnumerateArray().Single(p => p.GetProperty("id").GetString() == newer);
        Assert.Equal(12, exported.GetProperty("suggestions").GetArrayLength());
        Assert.True(exported.GetProperty("suggestions")[0].GetProperty("read").GetBoolean());
        Assert.Equal(1 + 2 + 12 + 1, await RowsOfPersonAsync()); // profile, predictions, suggestions, the history's count
        await page.ClickAsync("#erase-data");
        await page.ClickAsync("#erase-yes");
        await Assertions.Expect(page.Locator("#data-status")).ToContainTextAsync("was erased");
        Assert.Equal(0, await RowsOfPersonAsync());
        await page.GotoAsync(new Uri(site.Site, "history.html").AbsoluteUri);
        await page.Locator("body[data-ready='true']").WaitForAsync();
        await Assertions.Expect(page.Locator("#history-empty")).ToBeVisibleAsync();

        // Sign out: back to anonymous.
        await page.ClickAsync(".site-header .account-link:not([hidden]) a");
        await page.WaitForURLAsync("**/index.html");
        await Assertions.Expect(page.Locator(".site-header .account-link:not([hidden]) a")).ToHaveTextAsync("Sign in");
    }

    [Fact]
    public async Task SignedOut_ThePredictFormSavesNothingAndOffersNoSaveChoice()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.OpenAsync(site.Site, "kidney.html");
        await page.FillFormAsync(Patients.For("kidney"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result:not([hidden])").WaitForAsync();

        Assert.False(await page.Locator("input[name='save-to-history']").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("#result .saved-note").CountAsync());
        await Assertions.Expect(page.Locator(".site-header .account-link:not([hidden]) a")).ToHaveTextAsync("Sign in");
    }

    [Fact]
    public async Task APageOnAnotherOrigin_PostingWithThePersonsCookie_SavesNothing()
    {
        // Issue 24, S2, in a real browser. The page is on another origin of the same site (another port of 127.0.0.1),
        // so the browser sends the SameSite=Lax sign-in cookie with its posts, as it sends the platform's cookie
        // cross-site in Azure: only the app's origin check stands between the page and the person's history.
        const string userId = "cross-site-victim-oid";
        await using var evil = await EvilPage.StartAsync(site.Api);
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site.Api, $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(new Uri(site.Site, "account.html").AbsoluteUri)}").AbsoluteUri);
        await page.FillAsync("#user_id", userId);
        await page.FillAsync("#user_name", "victim@example.com");
        await page.ClickAsync("form button[type=submit]");
        // Signed in once the redirect is committed (the cookie came with it); the account page's own loading is not this test's.
        await page.WaitForURLAsync(new Uri(site.Site, "account.html").AbsoluteUri, new() { WaitUntil = WaitUntilState.Commit });

        // A plain form, a multipart form (both submitted as a person would click), and a script's no-cors fetch.
        var answers = new List<string>();
        foreach (var form in new[] { "urlencoded", "multipart" })
        {
            await page.GotoAsync(new Uri(evil.Address, $"form.html?enctype={form}").AbsoluteUri);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/api/pages/predict/heart");
            answers.Add(await page.Locator("main").InnerTextAsync());
        }

        await page.GotoAsync(new Uri(evil.Address, "fetch.html").AbsoluteUri);
        await page.Locator("body[data-sent='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var sawTheResult = await page.EvaluateAsync<string>("document.body.dataset.result");

        Assert.All(answers, text => Assert.Contains("Not saved: This request came from a page on another site", text));
        Assert.All(answers, text => Assert.Contains("%", text)); // the person still got the result
        Assert.Equal("opaque", sawTheResult); // and the page could not read it
        Assert.Equal(0, await RowsAsync(userId, "p|"));
        Assert.True(evil.Served >= 3, $"{evil.Served} pages served"); // the browser really visited the three pages
    }

    private async Task<string> PredictAsync(IPage page, string disease, Dictionary<string, string> overrides)
    {
        var values = Patients.For(disease).Where(f => f.Key is not ("age" or "sex" or "gender")).ToDictionary();
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        // The page may still show the previous result's note: wait for this result's link, whatever the machine's speed.
        var savedLink = page.Locator("#result .saved-note a");
        var previous = await savedLink.CountAsync() > 0 ? await savedLink.GetAttributeAsync("href") : null;
        await page.FillFormAsync(values);
        await page.ClickAsync("#predict-form button[type=submit]");
        await Assertions.Expect(page.Locator("#result .saved-note")).ToContainTextAsync("Saved to your history");
        if (previous is not null)
        {
            await Assertions.Expect(savedLink).Not.ToHaveAttributeAsync("href", previous);
        }

        var link = await savedLink.GetAttributeAsync("href");
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link!).Query)["id"].ToString();
    }

    private Task<int> RowsOfPersonAsync() => RowsAsync(UserId);

    private async Task<int> RowsAsync(string userId, string prefix = "")
    {
        var table = new TableClient(site.Storage.ConnectionString, "people");
        var count = 0;
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{PersonKey.For("aad", userId)}'"))
            {
                count += row.RowKey.StartsWith(prefix, StringComparison.Ordinal) ? 1 : 0;
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No table yet: nothing was stored.
        }

        return count;
    }

    private static int AgeOn(DateOnly born)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var age = today.Year - born.Year;
        return born.AddYears(age) > today ? age - 1 : age;
    }
}
