using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using HealthOracle.Training.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace HealthOracle.Training.Tests.Onnx;

[Collection(TrainedModelsCollection.Name)]
public sealed class OnnxExporterTests(TrainedModelsFixture fixture)
{
    [Theory]
    [InlineData("heart")]
    [InlineData("diabetes")]
    [InlineData("lung")]
    public void Export_TrainedModel_SchemaInputsAsFloatColumnsTheProbabilityAndItsLogOdds(string disease)
    {
        var entry = fixture.Models[disease].Entry;

        using var session = new InferenceSession(Path.Combine(fixture.Folder, entry.BlobPath));

        Assert.Equal(entry.Inputs, session.InputNames);
        Assert.All(session.InputMetadata.Values, m => Assert.Equal([-1, 1], m.Dimensions));
        Assert.Equal([entry.Output, OnnxTerms.Output, OnnxLogOdds.Output], session.OutputNames);
        Assert.Equal([-1, entry.Interval!.Terms.Count], session.OutputMetadata[OnnxTerms.Output].Dimensions);
        Assert.Equal("Probability.output", entry.Output);
    }

    [Fact]
    public void Score_EveryTrainingRow_OnnxRuntimeMatchesMlNetWithin1e5()
    {
        var model = fixture.Models["diabetes"];
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;

        using var session = new InferenceSession(Path.Combine(fixture.Folder, model.Entry.BlobPath));
        var onnx = OnnxExporter.Score(session, table);

        Assert.Equal(table.Count, onnx.Length);
        Assert.All(onnx.Zip(model.Probabilities), pair => Assert.Equal(pair.Second, pair.First, 1e-5));
        Assert.True(model.Report.OnnxParityMaxDifference <= 1e-5);
    }

    [Fact]
    public void Score_OptionalFieldsAsNaN_ImputedInsideTheGraph()
    {
        var model = fixture.Models["diabetes"];
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        float[] row = [2, 130, 70, float.NaN, float.NaN, 31, 0.5f, 40];
        var single = table with { Rows = [row], Labels = [false] };

        using var session = new InferenceSession(Path.Combine(fixture.Folder, model.Entry.BlobPath));
        var probability = OnnxExporter.Score(session, single).Single();

        Assert.InRange(probability, 0.01, 0.99);
    }

    [Fact]
    public void CheckParity_GraphFromADifferentModel_Throws()
    {
        var table = TrainingSources.Lung(rows: 300).Table;
        var fitted = Trainer.Fit(table, Candidates.LogisticRegression(1), 42);
        var path = Path.Combine(TestData.TempFolder("ho-onnx-"), "model.onnx");
        OnnxExporter.Export(Trainer.Calibrate(fitted, new PlattScaling(-1, 0), table, 42), table, path, 42);

        var other = Trainer.Calibrate(fitted, new PlattScaling(-1.2, 0.1), table, 42);

        Assert.Throws<InvalidDataException>(() => OnnxExporter.CheckParity(path, other, table, new PlattScaling(-1.2, 0.1)));
    }

    [Fact]
    public void Export_LogCandidate_LogarithmInsideTheGraphMatchesMlNetOnEveryRow()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var fitted = Trainer.Fit(table, Candidates.LogLogisticRegression(1f), 42);
        var model = Trainer.Calibrate(fitted, new PlattScaling(-1, 0), table, 42);
        var path = Path.Combine(TestData.TempFolder("ho-onnx-log-"), "model.onnx");

        var output = OnnxExporter.Export(model, table, path, 42);

        var worst = OnnxExporter.CheckParity(path, model, table, new PlattScaling(-1, 0));
        using var session = new InferenceSession(path);
        Assert.Equal(table.Disease.InputNames, session.InputNames);
        Assert.Equal("Probability.output", output);
        Assert.True(worst <= 1e-5, $"ONNX and ML.NET differ by {worst}");
    }

    [Fact]
    public void CheckParity_LogCandidateAgainstTheSameModelWithoutTheLogarithm_Throws()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var withLog = Trainer.Calibrate(Trainer.Fit(table, Candidates.LogLogisticRegression(1f), 42), new PlattScaling(-1, 0), table, 42);
        var path = Path.Combine(TestData.TempFolder("ho-onnx-log-"), "model.onnx");
        OnnxExporter.Export(withLog, table, path, 42);
        var terms = Trainer.Terms(withLog);

        var withoutLog = new TransformerChain<ITransformer>([new TermsTransformer(new TermShape(table.Disease, []), [.. terms.Imputation]), .. Trainer.Steps(withLog).Skip(1)]);

        Assert.Throws<InvalidDataException>(() => OnnxExporter.CheckParity(path, withoutLog, table, new PlattScaling(-1, 0)));
    }

    [Fact]
    public void Export_KidneyEgfr_GraphComputesTheEquationForEachSexAndForSexNotGiven()
    {
        var table = TrainingSources.Load("kidney", TestData.Datasets).Table;
        var model = Trainer.Calibrate(Trainer.Fit(table, Candidates.MonotoneLogisticRegression(1), 42), new PlattScaling(-1, 0), table, 42);
        var path = Path.Combine(TestData.TempFolder("ho-onnx-egfr-"), "model.onnx");
        OnnxExporter.Export(model, table, path, 42);
        var disease = table.Disease;
        var shape = Trainer.Terms(model).Shape;
        var rows = new List<float[]>();
        foreach (var sex in new[] { 0f, 1f, float.NaN })
        {
            foreach (var creatinine in new[] { 0.3f, 0.7f, 0.9f, 1.3f, 4.5f, 12f })
            {
                var row = (float[])table.Rows[0].Clone();
                row[disease.IndexOf("serum_creatinine")] = creatinine;
                row[disease.IndexOf("sex")] = sex;
                row[disease.IndexOf("age")] = 63;
                rows.Add(row);
            }
        }

        using var session = new InferenceSession(path);
        var terms = OnnxExporter.Matrix(session, table with { Rows = rows, Labels = [.. rows.Select(_ => false)] }, OnnxTerms.Output, shape.Features.Count);

        var column = shape.Features.ToList().IndexOf(disease.IndexOf("serum_creatinine"));
        Assert.All(rows.Select((row, i) => (row, i)), r => Assert.Equal(
            Egfr.LnCkdEpi2021(r.row[disease.IndexOf("serum_creatinine")], 63, r.row[disease.IndexOf("sex")]),
            terms[(r.i * shape.Features.Count) + column],
            1e-5));
        Assert.True(OnnxExporter.CheckParity(path, model, table, new PlattScaling(-1, 0)) <= 1e-5);
    }

    [Fact]
    public void CheckParity_LogOddsOfAnotherCalibration_Throws()
    {
        var table = TrainingSources.Lung(rows: 300).Table;
        var model = Trainer.Calibrate(Trainer.Fit(table, Candidates.LogisticRegression(1), 42), new PlattScaling(-1, 0), table, 42);
        var path = Path.Combine(TestData.TempFolder("ho-onnx-logodds-"), "model.onnx");
        OnnxExporter.Export(model, table, path, 42);

        Assert.Throws<InvalidDataException>(() => OnnxExporter.CheckParity(path, model, table, new PlattScaling(-1, 0.5)));
    }

    [Fact]
    public void Export_LogOddsOutput_IsTheLogitOfTheProbabilityOnEveryRow()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var model = Trainer.Calibrate(Trainer.Fit(table, Candidates.LogLogisticRegression(1f), 42), new PlattScaling(-1.1, 0.3), table, 42);
        var path = Path.Combine(TestData.TempFolder("ho-onnx-logodds-"), "model.onnx");
        OnnxExporter.Export(model, table, path, 42);

        using var session = new InferenceSession(path);
        var probabilities = OnnxExporter.Score(session, table);
        var logOdds = OnnxExporter.Score(session, table, OnnxLogOdds.Output);

        Assert.All(probabilities.Zip(logOdds), pair => Assert.Equal(pair.First, 1 / (1 + Math.Exp(-pair.Second)), 1e-6));
    }
}
