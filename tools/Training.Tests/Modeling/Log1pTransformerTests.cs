using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthOracle.Training.Tests.Modeling;

public sealed class Log1pTransformerTests
{
    [Fact]
    public void Transform_NamedFields_LnOfXPlusOneOthersUnchangedNaNStaysNaN()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var rows = table with { Rows = [[2, 130, 70, float.NaN, float.NaN, 31, 0.5f, 40], [0, 90, 60, 20, 99, 25, 0, 30]], Labels = [false, true] };
        var transformer = new Log1pEstimator(["insulin", "diabetes_pedigree"]).Fit(new TableDataView(rows));

        var view = transformer.Transform(new TableDataView(rows));

        Assert.Equal([float.NaN, MathF.Log(100)], view.GetColumn<float>("insulin"));
        Assert.Equal([MathF.Log(1.5f), 0f], view.GetColumn<float>("diabetes_pedigree"));
        Assert.Equal([130f, 90f], view.GetColumn<float>("glucose"));
        Assert.Equal([false, true], view.GetColumn<bool>(TableDataView.LabelColumn));
    }

    [Fact]
    public void Fit_LogCandidate_ImputesMissingValuesWithTheMeanOfTheLogs()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var insulin = table.Disease.Fields.ToList().FindIndex(f => f.Name == "insulin");
        var missing = table with { Rows = [table.Rows.First(r => float.IsNaN(r[insulin]))], Labels = [false] };

        var model = Trainer.Fit(table, Candidates.LogLogisticRegression(1f), 42);

        var imputed = model.Transform(new TableDataView(missing)).GetColumn<float>("insulin").Single();
        var meanOfLogs = table.Rows.Select(r => r[insulin]).Where(v => !float.IsNaN(v)).Average(v => Math.Log(v + 1.0));
        Assert.Equal(meanOfLogs, imputed, 1e-4);
        Assert.Equal(["insulin", "diabetes_pedigree"], Trainer.LogTransformedInputs(model));
    }
}
