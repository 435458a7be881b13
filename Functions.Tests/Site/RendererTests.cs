using System.Text;
using System.Text.RegularExpressions;
using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Site;

using HealthOracle.SiteBuilder;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// The renderer's wording, the one source of what a person reads: whole percentages that never contradict their
/// category, whole percentage points, lab precision without float noise, the values in the units typed, an honest
/// line for the factors not listed, the built pages from the catalogue, and error pages within the 16 KB cap.
/// </summary>
public sealed partial class RendererTests
{
    [Theory]
    [InlineData(29.6, RiskCategory.Low, "just under 30%")]
    [InlineData(29.4, RiskCategory.Low, "29%")]
    [InlineData(60.4, RiskCategory.High, "just over 60%")]
    [InlineData(60.0, RiskCategory.Moderate, "60%")]
    [InlineData(16.82, RiskCategory.Low, "17%")]
    [InlineData(45.5, RiskCategory.Moderate, "46%")]
    [InlineData(0.4, RiskCategory.Low, "less than 1%")]
    [InlineData(99.6, RiskCategory.High, "more than 99%")]
    public void Percent_IsWholeAndNeverContradictsTheCategory(double percentage, RiskCategory category, string expected) =>
        Assert.Equal(expected, RiskText.Percent(percentage, category));

    [Fact]
    public void History_ShowsEverySavedPercentageWithItsRange()
    {
        var model = new HealthOracle.Functions.People.SummaryModel("heart-logreg", "2026.12.06", false);
        var at = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        var page = new StringBuilder();
        HistoryView.AppendHistory(page, SiteLinks.Built(""), new HealthOracle.Functions.People.PredictionPage(
        [
            new("b", "heart", 46.18, 0.4618, "Moderate", model, at, false, new HealthOracle.Functions.Models.RiskInterval(0.95, 0.2212, 0.7141, 22.12, 71.41)),
            new("a", "heart", 12.5, 0.125, "Low", model, at.AddDays(-1), false),
        ], null), disease: null);
        var html = page.ToString();

        Assert.Contains("<td>46% (95% range 22% to 72%)</td>", html);
        Assert.Contains("<td>13% (no range given)</td>", html);
    }

    [Theory]
    [InlineData(6.72, "7 percentage points")]
    [InlineData(-6.72, "7 percentage points")]
    [InlineData(0.6, "1 percentage point")]
    [InlineData(0.3, "less than 1 percentage point")]
    public void Points_AreWhole(double points, string expected) => Assert.Equal(expected, RiskText.Points(points));

    [Theory]
    [InlineData(-4.8, "5 percentage points lower")]
    [InlineData(0.2, "less than 1 percentage point higher")]
    [InlineData(0.004, "no change")]
    public void Change_SaysWhichWay(double difference, string expected) => Assert.Equal(expected, RiskText.Change(difference));

    [Theory]
    [InlineData(0.9999631200000001, "1")]
    [InlineData(126.10919999999999, "126.1")]
    [InlineData(1.015, "1.015")]
    [InlineData(0.8770095, "0.877")]
    [InlineData(1368.4, "1368")]
    public void Number_HasALabsPrecisionAndNoFloatNoise(double value, string expected) => Assert.Equal(expected, ValueText.Number(value));

    [Fact]
    public void Value_TypedInAnotherUnit_IsShownAsTypedWithTheFieldsUnit()
    {
        var bilirubin = DiseaseCatalog.Get("liver").Find("total_bilirubin")!;

        Assert.Equal("15 µmol/l (0.877 mg/dl)", ValueText.Of(bilirubin, 15 * 0.0584673, "µmol/l"));
        Assert.Equal("0.9 mg/dl", ValueText.Of(bilirubin, 0.9));
    }

    [Fact]
    public void Factors_BeyondTheLargestFive_AreSummedInAnOthersLine()
    {
        var disease = DiseaseCatalog.Get("heart");
        var factors = disease.Fields.Take(8).Select((f, i) => new Factor(f.Name, f.Label, 1, 0, i < 5 ? 10 - i : 0.4, "raises")).ToArray();
        var result = Result(disease, 46.2, RiskCategory.Moderate) with { Baseline = 10, Factors = factors };

        var html = Render(disease, result);

        Assert.Equal(5, Regex.Matches(html, "<li class=\"factor ").Count);
        Assert.Contains("3 other values together make it 1 percentage point higher.", html);
        Assert.Contains("Compared with 10%, the model's estimate for a typical patient of its training data, your values make it 36 percentage points higher.", html);
        Assert.Contains("raises it by 10 percentage points", html);
    }

    [Fact]
    public void Result_SaysThePercentageCategoryPopulationAndTheApisDisclaimer()
    {
        var disease = DiseaseCatalog.Get("diabetes");

        var html = Render(disease, Result(disease, 29.6, RiskCategory.Low));

        Assert.Contains("<span class=\"risk-percent\">just under 30%</span> <span class=\"badge\">Low</span>", html);
        Assert.Contains(Html.Encode(RiskText.RelativeTo(disease, null)), html);
        Assert.Contains(Html.Encode(Disclaimers.NotADiagnosis), html);
        Assert.Contains("Estimated risk: just under 30% (Low)", html);
    }

    [Theory]
    [InlineData(46.18, RiskCategory.Moderate, 22.41, 71.82, "About 46%; the model's data are consistent with anything from 22% to 72%.")]
    [InlineData(29.6, RiskCategory.Low, 29.01, 30.2, "Just under 30%; the model's data are consistent with anything from 29% to 31%.")]
    [InlineData(0.4, RiskCategory.Low, 0.12, 1.31, "Less than 1%; the model's data are consistent with anything from less than 1% to 2%.")]
    [InlineData(99.6, RiskCategory.High, 98.9, 99.8, "More than 99%; the model's data are consistent with anything from 98% to more than 99%.")]
    public void Range_IsRoundedOutwardsSoItNeverReadsNarrowerThanTheModels(double percentage, RiskCategory category, double lower, double upper, string expected) =>
        Assert.Equal(expected, RiskText.Range(percentage, category, new HealthOracle.Functions.Models.RiskInterval(0.95, lower / 100, upper / 100, lower, upper)));

    [Fact]
    public void Result_WithItsInterval_SaysTheRangeUnderTheFigureInTheGaugeAndInTheSummary()
    {
        var disease = DiseaseCatalog.Get("heart");
        var result = Result(disease, 46.18, RiskCategory.Moderate) with { Interval = new HealthOracle.Functions.Models.RiskInterval(0.95, 0.2241, 0.7182, 22.41, 71.82) };

        var html = Render(disease, result);

        Assert.Contains("<p class=\"risk-range\">About 46%; the model's data are consistent with anything from 22% to 72%. " + Html.Encode(RiskText.RangeMeaning) + "</p>", html);
        Assert.Contains("<rect class=\"gauge-range\" x=\"22\" y=\"11\" width=\"50\" height=\"3\"/>", html);
        Assert.Contains("The model's data are consistent with anything from 22% to 72%.\"", html);
        Assert.Contains("Estimated risk: 46% (Moderate)\nAbout 46%; the model's data are consistent with anything from 22% to 72%.", html);
    }

    [Fact]
    public void Result_WithoutAnInterval_SaysNoRangeWasGivenAndDrawsNone()
    {
        var disease = DiseaseCatalog.Get("heart");

        var html = Render(disease, Result(disease, 46.18, RiskCategory.Moderate));

        Assert.Contains("<p class=\"risk-range\">About 46%; the model that answered gives no range for it, so how sure it is cannot be shown.</p>", html);
        Assert.DoesNotContain("gauge-range", html);
    }

    [Fact]
    public void SavedResult_KeepsItsInterval_AndTheAssistantsContextCarriesIt()
    {
        // A saved result is the answer's JSON (PredictionRecorder), read back by the history page and rendered by ResultView.
        var disease = DiseaseCatalog.Get("heart");
        var live = Result(disease, 46.18, RiskCategory.Moderate) with { Interval = new HealthOracle.Functions.Models.RiskInterval(0.95, 0.2241, 0.7182, 22.41, 71.82) };
        var saved = System.Text.Json.JsonSerializer.Deserialize(
            System.Text.Json.JsonSerializer.Serialize(live, PredictionJsonContext.Default.PredictionResult), PredictionJsonContext.Default.PredictionResult)!;

        Assert.Equal(live.Interval, saved.Interval);
        Assert.Contains("from 22% to 72%", Render(disease, saved));
        var context = System.Text.Json.JsonSerializer.Deserialize(AssistantView.ContextJson(saved), HealthOracle.Functions.Chat.ChatJsonContext.Default.PredictionContext)!;
        Assert.Equal(new HealthOracle.Functions.Chat.IntervalContext(22.41, 71.82), context.Interval);
    }

    [Fact]
    public void BuiltPages_ComeFromTheCatalogue_WithOneH1AndEveryDiseaseInTheNavigation()
    {
        var links = SiteLinks.Built("https://api.example");
        var pages = new[] { StaticPages.Index(links), StaticPages.About(links), StaticPages.Chat(links), StaticPages.Api(links), StaticPages.Account(links), StaticPages.History(links), StaticPages.Prediction(links) }
            .Concat(DiseaseCatalog.All.Select(d => StaticPages.Disease(links, d)));

        foreach (var page in pages)
        {
            Assert.Single(Regex.Matches(page, "<h1[ >]"));
            Assert.All(DiseaseCatalog.All, d => Assert.Contains($"<li><a href=\"{d.Key}.html\"", page));
        }

        Assert.All(DiseaseCatalog.All, d => Assert.Contains($"action=\"https://api.example/api/pages/predict/{d.Key}\"", StaticPages.Disease(links, d)));
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void ErrorPage_EveryFieldRefusedWithTheLongestMessages_StaysWithin16KB(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var errors = new Errors();
        foreach (var field in disease.Fields)
        {
            // The longest message a form's value can get (one per field), and its unit's.
            var range = field.AlternativeUnits.Count > 0 ? FieldRules.InUnit(FieldRules.Check(field, double.MaxValue)!, field.AlternativeUnits[0], field) : FieldRules.Check(field, double.MaxValue)!;
            errors.Add(field.Name, range.Length > FieldRules.AmbiguousComma.Length ? range : FieldRules.AmbiguousComma);
            if (field.AlternativeUnits.Count > 0)
            {
                errors.Add(field.Name + FormPatientReader.UnitSuffix, FieldRules.UnknownUnit(field));
            }
        }

        var page = HealthOracle.Fuzz.ReaderTargets.ProblemPage(disease, HealthOracle.Functions.Infrastructure.Problems.Invalid(PredictionBody.InvalidType, errors));

        Assert.True(Encoding.UTF8.GetByteCount(page) <= 16 * 1024, $"{key}: {Encoding.UTF8.GetByteCount(page)} bytes");
    }

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    private static PredictionResult Result(DiseaseDefinition disease, double percentage, RiskCategory category) => new(
        disease.Key, percentage / 100, percentage, category, disease.Advice.For(category),
        disease.Fields.ToDictionary(f => f.Name, f => (double?)f.Min), new ModelInfo($"{disease.Key}-risk", "1", "sha", false, null), Disclaimers.NotADiagnosis);

    private static string Render(DiseaseDefinition disease, PredictionResult result)
    {
        var page = new StringBuilder();
        ResultView.Append(page, SiteLinks.Built(""), disease, result, new ResultContext(DateTimeOffset.UnixEpoch, null, [], ChatConfigured: true));
        return page.ToString();
    }
}
