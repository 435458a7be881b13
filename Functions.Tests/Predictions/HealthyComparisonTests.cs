using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Tests.Explanations;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>Issue 30, "a healthy person like you": every answer's <c>healthy</c>, on the repository's models.</summary>
public sealed class HealthyComparisonTests : IDisposable
{
    private readonly TestPredictionHost _host = new(ExplanationModels.RepositoryStore());

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Example_HealthyComparison_IsThePatientWithEveryChangeableValueAtItsTarget(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var answer = (await _host.PostJsonAsync(key, TestPatients.Json(key))).Json;

        var healthy = answer.GetProperty("healthy");
        var changed = healthy.GetProperty("changed").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("target").GetDouble());
        // Exactly the changeable values outside their targets, each moved to the nearest edge of its target.
        var expected = disease.Fields.Where(f => f.Target is { } t && disease.Example.TryGetValue(f.Name, out var v) && !t.Contains(v))
            .ToDictionary(f => f.Name, f => f.Target!.Nearest(disease.Example[f.Name]));
        Assert.Equal(expected.OrderBy(e => e.Key), changed.OrderBy(e => e.Key));

        // The same estimate as the patient sent with those values changed, with its own interval around it.
        var moved = disease.Example.ToDictionary(e => e.Key, e => changed.TryGetValue(e.Key, out var target) ? target : e.Value);
        var direct = (await _host.PostJsonAsync(key, Json(moved))).Json;
        Assert.Equal(direct.GetProperty("riskPercentage").GetDouble(), healthy.GetProperty("riskPercentage").GetDouble());
        Assert.Equal(direct.GetProperty("category").GetString(), healthy.GetProperty("category").GetString());
        Assert.Equal(direct.GetProperty("interval").GetRawText(), healthy.GetProperty("interval").GetRawText());
        Assert.Contains("10-year", healthy.GetProperty("note").GetString());
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task HealthyExample_ChangesNothing_AndIsTheSameEstimate(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var answer = (await _host.PostJsonAsync(key, Json(disease.Healthy!.Values))).Json;

        var healthy = answer.GetProperty("healthy");
        Assert.Equal(0, healthy.GetProperty("changed").GetArrayLength());
        Assert.Equal(answer.GetProperty("riskPercentage").GetDouble(), healthy.GetProperty("riskPercentage").GetDouble());
    }

    [Fact]
    public async Task Batch_EachPatientHasItsOwnComparison()
    {
        var answers = (await _host.PostJsonAsync("heart", $"[{TestPatients.Json("heart")},{Json(DiseaseCatalog.Get("heart").Healthy!.Values)}]")).Json;

        Assert.NotEqual(0, answers[0].GetProperty("healthy").GetProperty("changed").GetArrayLength());
        Assert.Equal(0, answers[1].GetProperty("healthy").GetProperty("changed").GetArrayLength());
    }

    private static string Json(IReadOnlyDictionary<string, double> values) =>
        JsonSerializer.Serialize(values.ToDictionary(v => v.Key, v => v.Value), new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict });

    public void Dispose() => _host.Dispose();
}
