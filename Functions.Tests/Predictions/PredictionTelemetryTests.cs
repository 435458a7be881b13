using System.Diagnostics;
using HealthOracle.Functions.Infrastructure.Telemetry;
using HealthOracle.Functions.Tests.Infrastructure.Telemetry;
using HealthOracle.Functions.Tests.Models;

namespace HealthOracle.Functions.Tests.Predictions;

[Collection(TelemetryCollection.Name)]
public sealed class PredictionTelemetryTests
{
    [Fact]
    public async Task Post_OnePatient_RecordsItsSpanAndMetricPoints()
    {
        using var capture = new TelemetryCapture();
        using var host = Host(TestModels.For("diabetes", version: "2026.11.26", bias: 3f, weights: new float[8]));

        var response = await host.PostJsonAsync("diabetes", TestPatients.Json("diabetes"));

        Assert.Equal(200, response.Status);
        var spans = capture.Spans();
        var predict = Assert.Single(spans, s => s.DisplayName == "predict diabetes");
        Assert.Equal(capture.Parent.SpanId, predict.ParentSpanId);
        Assert.Equal("diabetes", predict.GetTagItem(AppTelemetry.Attributes.Disease));
        Assert.Equal(1, predict.GetTagItem(AppTelemetry.Attributes.Patients));
        Assert.Equal("2026.11.26", predict.GetTagItem(AppTelemetry.Attributes.ModelVersion));
        var load = Assert.Single(spans, s => s.DisplayName == "model.load diabetes");
        Assert.Equal(predict.SpanId, load.ParentSpanId);
        Assert.Equal("loaded", ModelLoadOutcome(load));

        var points = capture.Points();
        var predictions = Assert.Single(points, p => p.Metric == "healthoracle.predictions");
        Assert.Equal(("diabetes", "High", 1.0), (predictions["disease"], predictions["category"], predictions.Value));
        var batch = Assert.Single(points, p => p.Metric == "healthoracle.batch.size");
        Assert.Equal((1.0, 1.0), (batch.Value, batch.Sum));
        var loadDuration = Assert.Single(points, p => p.Metric == "healthoracle.model.load.duration");
        Assert.Equal(("diabetes", "loaded", null, 1.0, "ms"), (loadDuration["disease"], loadDuration["outcome"], loadDuration["reason"], loadDuration.Value, loadDuration.Unit));
    }

    [Fact]
    public async Task Post_Batch_CountsEachPatientByCategoryAndTheBatchOnce()
    {
        // Only age counts: 20 → sigmoid(-2) Low, 50 → sigmoid(1) High (73 %), 40 → sigmoid(0) Moderate (50 %).
        var weights = HealthOracle.Diseases.Definitions.Heart.Definition.Fields.Select(f => f.Name == "age" ? 0.1f : 0f).ToArray();
        using var capture = new TelemetryCapture();
        using var host = Host(TestModels.For("heart", bias: -4f, weights: weights));
        var body = "[" + string.Join(",", new[] { 20, 50, 40, 50 }.Select(age => TestPatients.Json("heart", "age", age.ToString()))) + "]";

        var response = await host.PostJsonAsync("heart", body);

        Assert.Equal(200, response.Status);
        var predictions = capture.Points("healthoracle.predictions").ToDictionary(p => p["category"]!, p => (p["disease"], p.Value));
        Assert.Equal(new Dictionary<string, (string?, double)> { ["Low"] = ("heart", 1), ["Moderate"] = ("heart", 1), ["High"] = ("heart", 2) }, predictions);
        var batch = Assert.Single(capture.Points("healthoracle.batch.size"));
        Assert.Equal((1.0, 4.0), (batch.Value, batch.Sum));
        Assert.Equal(4, Assert.Single(capture.Spans(), s => s.DisplayName == "predict heart").GetTagItem(AppTelemetry.Attributes.Patients));
    }

    [Fact]
    public async Task Post_OnePatient_NoAttributeCarriesAnInputValue()
    {
        // Values that no count, version or category could be mistaken for.
        var inputs = new Dictionary<string, string>
        {
            ["glucose"] = "148.25", ["blood_pressure"] = "71.5", ["skin_thickness"] = "35.75", ["insulin"] = "94.5", ["bmi"] = "33.61",
            ["diabetes_pedigree"] = "0.627", ["age"] = "51", ["pregnancies"] = "7",
        };
        var body = "{" + string.Join(",", inputs.Select(i => $"\"{i.Key}\":{i.Value}")) + "}";
        using var capture = new TelemetryCapture();
        using var host = Host(TestModels.For("diabetes", version: "2026.11.26"));

        var response = await host.PostJsonAsync("diabetes", body);

        Assert.Equal(200, response.Status);
        var attributes = capture.Spans().SelectMany(s => s.TagObjects).Select(t => (t.Key, Value: Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Concat(capture.Points().SelectMany(p => p.Attributes.Select(a => (a.Key, Value: Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture)))))
            .ToList();
        Assert.NotEmpty(attributes);
        Assert.All(attributes, attribute =>
        {
            Assert.DoesNotContain(attribute.Key, inputs.Keys);
            Assert.DoesNotContain(inputs.Values, value => attribute.Value is not null && attribute.Value.Contains(value, StringComparison.Ordinal));
        });
        Assert.All(attributes, attribute => Assert.Contains(attribute.Key, KnownAttributes));
    }

    [Fact]
    public async Task Post_InvalidBody_RecordsNoPrediction()
    {
        using var capture = new TelemetryCapture();
        using var host = Host(TestModels.For("heart"));

        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart", "age", "500"));

        Assert.Equal(400, response.Status);
        Assert.Empty(capture.Points("healthoracle.predictions"));
        Assert.Empty(capture.Spans());
    }

    private static readonly string[] KnownAttributes =
    [
        AppTelemetry.Attributes.Disease, AppTelemetry.Attributes.Category, AppTelemetry.Attributes.Patients, AppTelemetry.Attributes.ModelVersion,
        AppTelemetry.Attributes.Outcome, AppTelemetry.Attributes.Reason, "candidate",
    ];

    private static string? ModelLoadOutcome(Activity load) => load.GetTagItem(AppTelemetry.Attributes.Outcome) as string;

    private static TestPredictionHost Host(params (HealthOracle.Diseases.Manifest.ModelEntry, byte[])[] models)
    {
        var store = new TestModelStore();
        store.Publish(models);
        return new TestPredictionHost(store);
    }
}
