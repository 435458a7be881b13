using System.Text;
using System.Text.RegularExpressions;
using HealthOracle.Diseases;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Pages;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Pages;

/// <summary>
/// The disease page route (<c>/api/pages/predict/{disease}</c>, and its what-if) as the site's form posts it: the
/// result under the form in the site's frame, the server's messages beside the fields with the values kept as typed
/// (escaped), the plain page without a site, the 503 with its wait, and the what-if's outcome.
/// </summary>
public sealed partial class PredictPageTests
{
    private const string SiteUrl = "http://site.test:5173/";

    [Fact]
    public async Task Result_WithASite_IsTheDiseasePageWithTheResultInTheSitesFrame()
    {
        using var host = Host("liver", site: true);
        var form = TestPatients.Form("liver").Replace("total_bilirubin=0.7", "total_bilirubin=15&total_bilirubin.unit=%C2%B5mol%2Fl", StringComparison.Ordinal);

        var page = await PostAsync(host, "liver", form);

        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Equal("no-store", page.Headers.CacheControl.ToString());
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{SiteUrl}css/site.css\">", page.Body);
        Assert.Contains($"<a href=\"{SiteUrl}liver.html\" aria-current=\"page\">Liver</a>", page.Body);
        Assert.Contains($"href=\"{SiteUrl}model-liver.html\"", page.Body);
        Assert.DoesNotContain("<script", page.Body);
        Assert.Equal(["h1", "h2", "h2", "h2", "h3"], Headings(page.Body).Take(5));
        // The value as typed, kept in the form, and what the model was given.
        Assert.Contains("15 µmol/l (0.877 mg/dl)", page.Body);
        Assert.Contains("name=\"total_bilirubin\"", page.Body);
        Assert.Matches("<option value=\"µmol/l\" data-factor=\"[0-9.]+\" selected>", page.Body);
        Assert.Matches(@"<span class=""risk-percent"">(\d{1,2}%|less than 1%|more than 99%|just (under 30|over 60)%)</span>", page.Body);
        Assert.Contains(Disclaimers.NotADiagnosis, page.Body);
        Assert.DoesNotContain("total_bilirubin<", page.Body);
    }

    [Fact]
    public async Task Problem_NamesFieldsInPeoplesWords_BesideThemAndInTheSummary_WithTheValuesKeptEscaped()
    {
        using var host = Host("liver", site: true);
        var form = TestPatients.Form("liver").Replace("direct_bilirubin=0.1", "direct_bilirubin=3.5", StringComparison.Ordinal).Replace("age=65", "age=%3Cscript%3E", StringComparison.Ordinal);

        var page = await PostAsync(host, "liver", form);

        Assert.Equal(400, page.Status);
        Assert.Contains("<h2>There is a problem</h2>", page.Body);
        Assert.Contains("<a href=\"#f-age\">Age must be a number.</a>", page.Body);
        Assert.Contains("id=\"f-age-error\"><span class=\"visually-hidden\">Error: </span>Age must be a number.</p>", page.Body);
        Assert.Contains("value=\"&lt;script&gt;\"", page.Body);
        Assert.DoesNotContain("<script>", page.Body);
        Assert.Contains("aria-invalid=\"true\"", page.Body);
        Assert.DoesNotContain("id=\"result\"", page.Body);
    }

    [Fact]
    public async Task CrossFieldProblem_NamesTheOtherFieldByItsLabel()
    {
        using var host = Host("liver", site: true);
        var form = TestPatients.Form("liver").Replace("direct_bilirubin=0.1", "direct_bilirubin=3.5", StringComparison.Ordinal);

        var page = await PostAsync(host, "liver", form);

        Assert.Equal(400, page.Status);
        Assert.Contains("Direct bilirubin must not be more than total bilirubin (direct bilirubin is part of the total).", page.Body);
        Assert.DoesNotContain(">total_bilirubin", page.Body);
    }

    [Fact]
    public async Task WithoutASite_ThePageStandsAlone()
    {
        using var host = Host("liver");

        var page = await PostAsync(host, "liver", TestPatients.Form("liver"));

        Assert.Equal(200, page.Status);
        Assert.Contains("<link rel=\"icon\" href=\"data:,\">", page.Body);
        Assert.DoesNotContain("site-header", page.Body);
        Assert.Contains("class=\"risk-percent\"", page.Body);
    }

    [Fact]
    public async Task StoreUnreachable_IsA503PageWithItsWait()
    {
        var store = new TestModelStore { Failure = () => new ModelUnavailableException("*", ModelUnavailableReason.StorageUnreachable, "down") };
        using var host = new TestPredictionHost(store, retryAfterSeconds: 7);

        var page = await PostAsync(host, "heart", TestPatients.Form("heart"));

        Assert.Equal(503, page.Status);
        Assert.Equal("7", page.Headers.RetryAfter.ToString());
        Assert.Equal("Retry-After", page.Headers.AccessControlExposeHeaders.ToString());
        Assert.Contains("Try again in 7 seconds", page.Body);
        Assert.Contains("value=\"63\"", page.Body);
    }

    [Fact]
    public async Task WhatIf_NamesTheChangedValuesAndSaysTheEstimatesInWholePercentages()
    {
        using var host = Host("heart", site: true);

        var page = await PostAsync(host, "heart", TestPatients.Form("heart") + "&whatif.trestbps=120&whatif.chol=190", whatIf: true);

        Assert.Equal(200, page.Status);
        var outcome = Regex.Match(page.Body, "<p id=\"what-if-outcome\"[^>]*>(.*?)</p>").Groups[1].Value;
        Assert.Matches(@"^With resting blood pressure at 120 mm Hg and serum cholesterol at 190 mg/dl, the estimate is <span class=""what-if-new"">[^<]*%</span> \((Low|Moderate|High)\) instead of [^:]*%: (no change|(less than 1|\d+) percentage points? (higher|lower))\.$", outcome);
        Assert.Contains("value=\"120\"", page.Body);
        Assert.DoesNotContain("saved-note", page.Body);
    }

    [Fact]
    public async Task WhatIf_AValueOutOfRange_IsRefusedBesideItsField()
    {
        using var host = Host("heart", site: true);

        var page = await PostAsync(host, "heart", TestPatients.Form("heart") + "&whatif.trestbps=900", whatIf: true);

        Assert.Equal(400, page.Status);
        Assert.Contains("Resting blood pressure must be a number from", page.Body);
    }

    [Fact]
    public async Task UnknownDisease_IsA404Page()
    {
        using var host = Host("heart");

        var page = await PostAsync(host, "spleen", "age=1");

        Assert.Equal(404, page.Status);
        Assert.StartsWith("text/html", page.ContentType);
    }

    internal static async Task<TestResponse> PostAsync(TestPredictionHost host, string disease, string form, bool whatIf = false)
    {
        var function = ActivatorUtilities.CreateInstance<PredictPageFunction>(host.Services);
        var context = new DefaultHttpContext { RequestServices = host.Services };
        var body = Encoding.UTF8.GetBytes(form);
        context.Request.Method = "POST";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        var response = new MemoryStream();
        context.Response.Body = response;
        var page = whatIf
            ? await function.RunWhatIf(context.Request, disease, CancellationToken.None)
            : await function.Run(context.Request, disease, CancellationToken.None);
        await page.ExecuteAsync(context);
        return new TestResponse(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(response.ToArray()), context.Response.Headers);
    }

    private static TestPredictionHost Host(string disease, bool site = false)
    {
        var store = new TestModelStore();
        store.Publish(TestModels.For(disease));
        return new TestPredictionHost(store, settings: site ? new Dictionary<string, string?> { ["Site:Url"] = SiteUrl } : null);
    }

    private static string[] Headings(string html) => HeadingTag().Matches(html).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex("<(h[1-6])[ >]")]
    private static partial Regex HeadingTag();
}
