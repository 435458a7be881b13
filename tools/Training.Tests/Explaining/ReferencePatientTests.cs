using HealthOracle.Diseases;
using HealthOracle.Training.Data;
using HealthOracle.Training.Explaining;
using HealthOracle.Training.Modeling;

namespace HealthOracle.Training.Tests.Explaining;

public sealed class ReferencePatientTests
{
    [Theory]
    [InlineData("heart")]
    [InlineData("diabetes")]
    [InlineData("liver")]
    [InlineData("kidney")]
    public void Of_RealData_IsAValidPatientOfMediansAndMostCommonCodes(string key)
    {
        var table = TrainingSources.Load(key, TestData.Datasets).Table;

        var reference = ReferencePatient.Of(table);

        Assert.Empty(ReferencePatient.Problems(table.Disease, reference));
        var age = table.Rows.Select(r => (double)r[table.Disease.IndexOf("age")]).Where(v => !double.IsNaN(v)).Order().ToArray();
        Assert.InRange(reference[table.Disease.IndexOf("age")], age[(age.Length - 1) / 2], age[age.Length / 2] + 0.5);
    }

    [Fact]
    public void Of_Heart_TheClevelandMedianPatient()
    {
        var table = TrainingSources.Load("heart", TestData.Datasets).Table;

        var reference = ReferencePatient.Of(table);

        // Median age 56 and blood pressure 130, most commonly a man, asymptomatic chest pain (cp 4) and a normal thallium scan (3).
        Assert.Equal([56, 1, 4, 130, 241, 0, 0, 153, 0, 0.8, 1, 0, 3], reference);
    }

    [Fact]
    public void Problems_OutOfRangeUnknownCodeAndABrokenRule_EachNamed()
    {
        var liver = DiseaseCatalog.Get("liver");

        var problems = ReferencePatient.Problems(liver, [200, 2, 1, 3, 100, 20, 20, 7, 4, 1]).ToArray();

        Assert.Contains(problems, p => p.StartsWith("age", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("gender", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("direct_bilirubin", StringComparison.Ordinal));
    }
}

public sealed class PriorShiftTests
{
    [Fact]
    public void For_CorrectedPopulation_TheDifferenceOfTheLogOdds()
    {
        var shift = PriorShift.For(new Population("p", 0.2) { CorrectToPrevalence = true }, 0.7);

        Assert.Equal(Math.Log(0.2 / 0.8) - Math.Log(0.7 / 0.3), shift, 1e-12);
        // A probability equal to the sample's prevalence becomes the population's.
        Assert.Equal(0.2, PriorShift.Apply(0.7, shift), 1e-12);
    }

    [Fact]
    public void For_UncorrectedPopulationWhosePrevalenceIsNotTheSamples_Refused()
    {
        Assert.Equal(0, PriorShift.For(new Population("p", 0.459), 0.45875));
        Assert.Throws<InvalidDataException>(() => PriorShift.For(new Population("p", 0.2), 0.7));
        Assert.Throws<InvalidDataException>(() => PriorShift.For(new Population("p"), 0.7));
    }

    [Fact]
    public void Shifted_Platt_AddsTheShiftToEveryLogOdds()
    {
        var platt = new PlattScaling(-1.3, 0.4);

        var shifted = platt.Shifted(-2);

        foreach (var score in new[] { -3.0, 0, 2.5 })
        {
            Assert.Equal(PriorShift.Apply(platt.Apply(score), -2), shifted.Apply(score), 1e-12);
        }
    }
}
