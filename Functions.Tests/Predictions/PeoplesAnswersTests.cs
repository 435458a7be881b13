using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthOracle.Diseases;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Models;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>
/// What the answers give people and the site: the schema's units, needs, population and soft checks (one
/// source for the site, the docs and the tests); "not measured" and warnings in an answer; the
/// no-JavaScript pages in the site's frame with a way back and people's words; Retry-After readable by
/// the site's script.
/// </summary>
public sealed partial class PeoplesAnswersTests
{
    private const string SiteUrl = "http://site.test:5173/";

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Schema_PublishesTheDefinitionsUnitsNeedsPopulationAndChecks(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        using var host = new TestPredictionHost(new TestModelStore());

        var schema = (await host.SendAsync("GET", key, null, null)).Json;

        Assert.Equal(disease.ShortName, schema.GetProperty("shortName").GetString());
        Assert.Equal(disease.Requires, schema.GetProperty("requires").GetString());
        Assert.Equal(disease.Population.Description, schema.GetProperty("population").GetProperty("description").GetString());
        foreach (var (field, published) in disease.Fields.Zip(schema.GetProperty("fields").EnumerateArray()))
        {
            Assert.Equal(field.ZeroMeansNotMeasured, published.GetProperty("zeroMeansNotMeasured").GetBoolean());
            Assert.Equal(
                field.AlternativeUnits.Select(u => (u.Unit, u.ToFieldUnit, u.Basis)),
                published.GetProperty("alternativeUnits").EnumerateArray().Select(u =>
                    (u.GetProperty("unit").GetString()!, u.GetProperty("toFieldUnit").GetDouble(), u.GetProperty("basis").GetString()!)));
        }

        var checks = schema.GetProperty("plausibility").EnumerateArray().ToList();
        Assert.Equal(disease.Plausibility.Count, checks.Count);
        foreach (var (check, published) in disease.Plausibility.Zip(checks))
        {
            Assert.Equal(check.Field, published.GetProperty("field").GetString());
            Assert.Equal(check.Message, published.GetProperty("message").GetString());
            Assert.Equal(check.When.Count, published.GetProperty("when").GetArrayLength());
        }
    }

    [Fact]
    public async Task Schema_ExactFactors_AreTheMolarMassOnes()
    {
        using var host = new TestPredictionHost(new TestModelStore());

        var schema = (await host.SendAsync("GET", "liver", null, null)).Json;

        var bilirubin = schema.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "total_bilirubin");
        var unit = Assert.Single(bilirubin.GetProperty("alternativeUnits").EnumerateArray());
        Assert.Equal("µmol/l", unit.GetProperty("unit").GetString());
        Assert.Equal(0.0584673, unit.GetProperty("toFieldUnit").GetDouble());
        var check = Assert.Single(schema.GetProperty("plausibility").EnumerateArray());
        Assert.Equal(["atLeast", "atLeast"], check.GetProperty("when").EnumerateArray().Select(c => c.GetProperty("comparison").GetString()));
        Assert.Equal("direct_bilirubin", check.GetProperty("when")[1].GetProperty("timesField").GetString());
    }

    [Fact]
    public async Task Answer_ZeroInsulin_IsAcceptedAndSaidToBeNotMeasured()
    {
        using var host = Host("diabetes");

        var response = await host.PostJsonAsync("diabetes", TestPatients.Json("diabetes", "insulin", "0"));

        Assert.Equal(200, response.Status);
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("inputs").GetProperty("insulin").ValueKind);
        Assert.Equal(["insulin"], response.Json.GetProperty("notMeasured").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Answer_EveryValueMeasuredAndPlausible_CarriesNeitherNewField()
    {
        using var host = Host("diabetes");

        var response = await host.PostJsonAsync("diabetes", TestPatients.Json("diabetes"));

        Assert.False(response.Json.TryGetProperty("notMeasured", out _));
        Assert.False(response.Json.TryGetProperty("warnings", out _));
    }

    [Fact]
    public async Task Answer_ImplausibleButInRange_IsScoredAsSentWithAWarningAndSuggestion()
    {
        using var host = Host("liver");
        var json = TestPatients.Json("liver", "total_bilirubin", "9").Replace("\"direct_bilirubin\":0.1", "\"direct_bilirubin\":0.2", StringComparison.Ordinal);

        var response = await host.PostJsonAsync("liver", json);

        Assert.Equal(200, response.Status);
        Assert.Equal(9, response.Json.GetProperty("inputs").GetProperty("total_bilirubin").GetDouble());
        var warning = Assert.Single(response.Json.GetProperty("warnings").EnumerateArray().ToList());
        Assert.Equal("total_bilirubin", warning.GetProperty("field").GetString());
        Assert.Equal(0.9, warning.GetProperty("suggestion").GetDouble());
        Assert.Equal(DiseaseCatalog.Get("liver").Plausibility[0].Message, warning.GetProperty("message").GetString());
    }

    [Fact]
    public async Task RetryAfter_OnAProblem_IsExposedToTheSitesScript()
    {
        var store = new TestModelStore { Failure = () => new ModelUnavailableException("*", ModelUnavailableReason.StorageUnreachable, "down") };
        using var host = new TestPredictionHost(store, retryAfterSeconds: 5);

        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal("5", response.Headers.RetryAfter.ToString());
        Assert.Equal("Retry-After", response.Headers.AccessControlExposeHeaders.ToString());
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
