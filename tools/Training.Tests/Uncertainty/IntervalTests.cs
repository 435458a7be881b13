using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using HealthOracle.Training.Uncertainty;

namespace HealthOracle.Training.Tests.Uncertainty;

[Collection(TrainedModelsCollection.Name)]
public sealed class IntervalTests(TrainedModelsFixture fixture)
{
    [Fact]
    public void LinearCoefficients_ExactlyLinearLogOdds_RecoversTheCoefficients()
    {
        double[] theta = [-1.5, 0.25, -3, 0.75];
        var random = new Random(7);
        var design = Enumerable.Range(0, 40).Select(_ => new[] { 1, random.NextDouble() * 10, random.NextDouble(), random.Next(2) }).ToArray();
        var logOdds = design.Select(z => z.Zip(theta, (a, b) => a * b).Sum()).ToArray();

        var fitted = LinearCoefficients.Fit(design, logOdds);

        Assert.All(fitted.Zip(theta), pair => Assert.Equal(pair.Second, pair.First, 1e-9));
    }

    [Fact]
    public void LinearCoefficients_LogOddsThatAreNotLinear_Refused()
    {
        var design = Enumerable.Range(0, 20).Select(i => new[] { 1.0, i }).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => LinearCoefficients.Fit(design, [.. design.Select(z => z[1] * z[1] / 10)]));

        Assert.Contains("not linear in its terms", error.Message);
    }

    [Fact]
    public void LinearCoefficients_ATermThatNeverVaries_Refused()
    {
        var design = Enumerable.Range(0, 20).Select(i => new[] { 1.0, i, 0 }).ToArray();

        Assert.Throws<InvalidDataException>(() => LinearCoefficients.Fit(design, [.. design.Select(z => z[1])]));
    }

    [Fact]
    public void Design_KidneyRow_TermsLessTheirCentresAndAOneForAMissingAlbumin()
    {
        var table = TrainingSources.Load("kidney", TestData.Datasets).Table;
        var terms = new TermsEstimator(table.Disease, ["blood_urea"]).Fit(new TableDataView(table));
        var design = new IntervalDesign(terms.Shape, terms.Imputation, table);
        var row = (float[])table.Rows.First(r => !float.IsNaN(r[table.Disease.IndexOf("hemoglobin")])).Clone();
        row[table.Disease.IndexOf("albumin")] = float.NaN;

        var z = design.Row(row);

        var names = design.TermNames.ToList();
        Assert.Equal(["age", "albumin", "blood_urea", "serum_creatinine", "hemoglobin"], names);
        Assert.Equal(1, z[0]);
        Assert.Equal(0, z[1 + names.IndexOf("albumin")]);
        Assert.Equal(1, z[1 + design.Terms + design.MissingNames.ToList().IndexOf("albumin")]);
        Assert.Equal(row[table.Disease.IndexOf("hemoglobin")] - design.Centers[names.IndexOf("hemoglobin")], z[1 + names.IndexOf("hemoglobin")], 1e-6);
        Assert.Equal(1 + design.Terms + design.Missing.Count, z.Length);
    }

    [Theory]
    [InlineData("heart")]
    [InlineData("diabetes")]
    [InlineData("lung")]
    public void Estimate_TrainedModel_ManifestCarriesASymmetricCovarianceAndTheMeasuredCoverage(string disease)
    {
        var interval = fixture.Models[disease].Entry.Interval!;
        var report = fixture.Models[disease].Report.Interval!;

        var p = 1 + interval.Terms.Count + interval.Missing.Count;
        Assert.Equal(p, interval.Covariance.Count);
        Assert.All(interval.Covariance, row => Assert.Equal(p, row.Count));
        Assert.All(Enumerable.Range(0, p), i =>
        {
            Assert.True(interval.Covariance[i][i] >= 0);
            Assert.All(Enumerable.Range(0, p), j => Assert.Equal(interval.Covariance[i][j], interval.Covariance[j][i], 1e-12));
        });
        Assert.Equal(interval.Terms.Count, interval.Centers.Count);
        Assert.Equal(16, interval.Replicates);
        Assert.Equal(8, interval.Coverage.Replicates);
        Assert.InRange(interval.Coverage.Predictions, 8 * 50, 8 * 1000);
        Assert.InRange(interval.Coverage.Covered, 0.5, 1);
        Assert.Equal(interval.Coverage.Covered, report.Coverage);
        Assert.All(report.Examples, e => Assert.InRange(e.Probability, e.Lower, e.Upper));
        Assert.All(report.Examples, e => Assert.True(e.Upper > e.Lower, e.Patient));
    }

    [Fact]
    public void Estimate_Lung_EveryTermIsRequiredAndNeverMissingSoNoMissingCoefficients()
    {
        var interval = fixture.Models["lung"].Entry.Interval!;

        Assert.Empty(interval.Missing);
        Assert.Equal(fixture.Models["lung"].Entry.Inputs, interval.Terms);
    }
}
