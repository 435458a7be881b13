using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthOracle.Training.Tests.Modeling;

public sealed class TermsTransformerTests
{
    [Fact]
    public void Transform_LoggedFields_LnOfXPlusOneOthersUnchangedMissingImputed()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var transformer = new TermsEstimator(table.Disease, ["insulin", "diabetes_pedigree"]).Fit(new TableDataView(table));
        var rows = table with { Rows = [[2, 130, 70, float.NaN, float.NaN, 31, 0.5f, 40], [0, 90, 60, 20, 99, 25, 0, 30]], Labels = [false, true] };

        var view = transformer.Transform(new TableDataView(rows));

        var insulin = table.Disease.IndexOf("insulin");
        Assert.Equal([transformer.Imputation[insulin], MathF.Log(100)], view.GetColumn<float>("insulin"));
        Assert.Equal([MathF.Log(1.5f), 0f], view.GetColumn<float>("diabetes_pedigree"));
        Assert.Equal([130f, 90f], view.GetColumn<float>("glucose"));
        Assert.Equal([transformer.Imputation[table.Disease.IndexOf("skin_thickness")], 20f], view.GetColumn<float>("skin_thickness"));
        Assert.Equal([false, true], view.GetColumn<bool>(TableDataView.LabelColumn));
    }

    [Fact]
    public void Fit_CaseControlSample_ImputesThePopulationsMeanNotTheSamples()
    {
        // Kidney's sample is 60% patients; its percentages refer to a population in which 9.1% have CKD.
        var table = TrainingSources.Load("kidney", TestData.Datasets).Table;
        var albumin = table.Disease.IndexOf("albumin");

        var transformer = new TermsEstimator(table.Disease, []).Fit(new TableDataView(table));

        double Mean(bool sick) => table.Rows.Where((r, i) => table.Labels[i] == sick && !float.IsNaN(r[albumin])).Average(r => (double)r[albumin]);
        var sampleMean = table.Rows.Where(r => !float.IsNaN(r[albumin])).Average(r => (double)r[albumin]);
        Assert.Equal((0.091 * Mean(true)) + (0.909 * Mean(false)), transformer.Imputation[albumin], 1e-5);
        Assert.True(transformer.Imputation[albumin] < sampleMean / 4, $"{transformer.Imputation[albumin]} against the sample's {sampleMean}");
    }

    [Fact]
    public void Fit_SampleOfTheRealPopulation_ImputesItsOwnClassWeightedMean()
    {
        var table = TrainingSources.Load("heart", TestData.Datasets).Table;
        var ca = table.Disease.IndexOf("ca");
        var prevalence = (double)table.Positives / table.Count;

        var transformer = new TermsEstimator(table.Disease, []).Fit(new TableDataView(table));

        double Mean(bool sick) => table.Rows.Where((r, i) => table.Labels[i] == sick && !float.IsNaN(r[ca])).Average(r => (double)r[ca]);
        Assert.Equal((prevalence * Mean(true)) + ((1 - prevalence) * Mean(false)), transformer.Imputation[ca], 1e-5);
    }

    [Theory]
    [InlineData(1.0, 55, 1)]
    [InlineData(1.0, 55, 0)]
    [InlineData(1.0, 55, float.NaN)]
    [InlineData(4.5, 70, 1)]
    [InlineData(0.6, 30, 0)]
    public void Transform_KidneyCreatinine_ReadsAsLnEgfrOfCreatinineAgeAndSex(float creatinine, float age, float sex)
    {
        var table = TrainingSources.Load("kidney", TestData.Datasets).Table;
        var disease = table.Disease;
        var row = disease.Fields.Select(_ => float.NaN).ToArray();
        row[disease.IndexOf("serum_creatinine")] = creatinine;
        row[disease.IndexOf("age")] = age;
        row[disease.IndexOf("sex")] = sex;
        var transformer = new TermsEstimator(disease, []).Fit(new TableDataView(table));

        var term = transformer.Transform(new TableDataView(table with { Rows = [row], Labels = [false] })).GetColumn<float>("serum_creatinine").Single();

        Assert.Equal(Egfr.LnCkdEpi2021(creatinine, age, sex), term, 1e-5);
        Assert.Equal(age, transformer.Transform(new TableDataView(table with { Rows = [row], Labels = [false] })).GetColumn<float>("age").Single());
    }

    [Fact]
    public void Fit_LogCandidate_NamesTheLogTransformedInputs()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;

        var model = Trainer.Fit(table, Candidates.LogLogisticRegression(1f), 42);

        Assert.Equal(["insulin", "diabetes_pedigree"], Trainer.LogTransformedInputs(model));
        Assert.Same(Trainer.Steps(model).First(), Trainer.Terms(model));
    }
}
