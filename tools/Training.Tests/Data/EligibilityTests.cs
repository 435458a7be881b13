using HealthOracle.Training.Data;

namespace HealthOracle.Training.Tests.Data;

public sealed class EligibilityTests
{
    [Fact]
    public void Load_Kidney_LeavesOutChildrenAndRowsWithoutTheValuesEgfrNeedsAndSaysHowMany()
    {
        var source = TrainingSources.Load("kidney", TestData.Datasets);

        var age = source.Table.Disease.IndexOf("age");
        var creatinine = source.Table.Disease.IndexOf("serum_creatinine");
        Assert.Equal(400, source.FileRows);
        Assert.Equal(356, source.Table.Count);
        Assert.Equal(215, source.Table.Positives);
        Assert.All(source.Table.Rows, r => Assert.True(r[age] >= 18 && !float.IsNaN(r[creatinine])));
        Assert.Equal(
            [("age under 18 years", 18, 15), ("no serum creatinine (needed for eGFR)", 17, 12), ("no age (needed for eGFR)", 9, 8)],
            source.Excluded.Select(e => (e.Reason, e.Rows, e.WithDisease)).ToArray());
    }

    [Theory]
    [InlineData("heart", 303)]
    [InlineData("diabetes", 768)]
    [InlineData("liver", 583)]
    public void Load_EveryRowAValidPatient_NoneLeftOut(string disease, int rows)
    {
        var source = TrainingSources.Load(disease, TestData.Datasets);

        Assert.Empty(source.Excluded);
        Assert.Equal(rows, source.Table.Count);
    }
}
