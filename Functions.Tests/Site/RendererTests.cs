using System.Text;
using System.Text.RegularExpressions;
using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Site;

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

        var page = HealthOracle.Fuzz.ReaderTargets.ProblemPage(disease, HealthOracle.Functions.Infrastructure.Problems.Invalid(PredictionBody.InvalidTitle, errors));

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
