using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Tests.Explanations;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>Every answer carries its 95% interval (issue 31), and the definitions' clinical cases come out in their categories through the API.</summary>
public sealed class PredictionIntervalTests : IDisposable
{
    private readonly TestPredictionHost _host = new(ExplanationModels.RepositoryStore());

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    public static TheoryData<string, int> Cases
    {
        get
        {
            var cases = new TheoryData<string, int>();
            foreach (var disease in DiseaseCatalog.All)
            {
                for (var i = 0; i < disease.Cases.Count; i++)
                {
                    cases.Add(disease.Key, i);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Predict_OnePatientAndABatch_EachAnswerCarriesAnIntervalAroundItsPercentage(string disease)
    {
        var one = (await _host.PostJsonAsync(disease, TestPatients.Json(disease))).Json;
        var batch = (await _host.PostJsonAsync(disease, TestPatients.Array(disease, 3))).Json;

        Interval(one);
        Assert.All(batch.EnumerateArray(), answer => Assert.Equal(one.GetProperty("interval").GetRawText(), Interval(answer).GetRawText()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Predict_ClinicalCase_InTheCategoryAClinicianAccepts(string disease, int index)
    {
        var definition = DiseaseCatalog.Get(disease);
        var clinical = definition.Cases[index];
        var body = JsonSerializer.Serialize(clinical.Values);

        var answer = (await _host.PostJsonAsync(disease, body)).Json;

        var category = Enum.Parse<RiskCategory>(answer.GetProperty("category").GetString()!);
        Assert.True(clinical.Accepts(category), $"{disease}: '{clinical.Description}' is {answer.GetProperty("riskPercentage").GetDouble()}% {category}, not {clinical.Lowest}–{clinical.Highest}");
        Interval(answer);
    }

    [Fact]
    public async Task Predict_KidneyPatientsOfIssue31_LowAndTheExplanationNamesEgfr()
    {
        var cases = DiseaseCatalog.Get("kidney").Cases.Where(c => c.Values.ContainsKey("diabetes_mellitus") && c.Highest < RiskCategory.High);

        foreach (var clinical in cases)
        {
            var answer = (await _host.PostJsonAsync("kidney", JsonSerializer.Serialize(clinical.Values))).Json;

            Assert.Equal("Low", answer.GetProperty("category").GetString());
            var creatinine = answer.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "serum_creatinine");
            Assert.Contains("eGFR", creatinine.GetProperty("note").GetString());
            var hypertension = answer.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "hypertension");
            Assert.Equal(0, hypertension.GetProperty("contribution").GetDouble());
        }
    }

    [Fact]
    public async Task Predict_KidneyChild_RefusedNamingAge()
    {
        var response = await _host.PostJsonAsync("kidney", TestPatients.Json("kidney", "age", "12"));

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("age", out _));
    }

    [Fact]
    public async Task Predict_KidneySexGiven_TheEstimateUsesThatSexsEgfr()
    {
        var woman = (await _host.PostJsonAsync("kidney", TestPatients.Json("kidney", "sex", "0"))).Json;
        var man = (await _host.PostJsonAsync("kidney", TestPatients.Json("kidney", "sex", "1"))).Json;
        var unknown = (await _host.PostJsonAsync("kidney", TestPatients.Json("kidney", "sex", TestPatients.Omit))).Json;

        // At the same creatinine a woman's eGFR is lower, so her estimate is higher; not given, eGFR is the mean of both.
        var (w, m, u) = (woman.GetProperty("probability").GetDouble(), man.GetProperty("probability").GetDouble(), unknown.GetProperty("probability").GetDouble());
        Assert.True(w > u && u > m, $"woman {w}, not given {u}, man {m}");
        Assert.Contains("sex", unknown.GetProperty("notMeasured").EnumerateArray().Select(e => e.GetString()));
    }

    private static JsonElement Interval(JsonElement answer)
    {
        var interval = answer.GetProperty("interval");
        Assert.Equal(0.95, interval.GetProperty("level").GetDouble());
        Assert.InRange(answer.GetProperty("riskPercentage").GetDouble(), interval.GetProperty("lowerPercentage").GetDouble(), interval.GetProperty("upperPercentage").GetDouble());
        Assert.InRange(answer.GetProperty("probability").GetDouble(), interval.GetProperty("lower").GetDouble(), interval.GetProperty("upper").GetDouble());
        return interval;
    }

    public void Dispose() => _host.Dispose();
}
