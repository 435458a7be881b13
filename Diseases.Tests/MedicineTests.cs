using System.Globalization;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Diseases.Tests;

/// <summary>What each definition says about medicine: who the percentage refers to, a healthy example, and the directions with their sources.</summary>
public sealed class MedicineTests
{
    public static TheoryData<string> Keys => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Keys))]
    public void Population_EveryDisease_StatesItsPrevalenceWithASourceAndSaysItInWords(string key)
    {
        var population = DiseaseCatalog.Get(key).Population;

        Assert.InRange(population.Prevalence!.Value, 0.001, 0.999);
        Assert.False(string.IsNullOrWhiteSpace(population.PrevalenceSource));
        // The sentence every answer carries names the same figure, to the whole or tenth of a percent.
        var percent = population.Prevalence.Value * 100;
        Assert.True(
            population.RelativeTo.Contains(percent.ToString("0", CultureInfo.InvariantCulture) + "%", StringComparison.Ordinal)
            || population.RelativeTo.Contains(percent.ToString("0.0", CultureInfo.InvariantCulture) + "%", StringComparison.Ordinal),
            $"{key}: '{population.RelativeTo}' does not say {percent:0.#}%");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Healthy_EveryDisease_IsAValidPatientWithEveryChangeableInputAtItsTarget(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var healthy = disease.Healthy!;

        Assert.Equal(disease.InputNames.Order(), healthy.Values.Keys.Order());
        Assert.All(disease.Fields, field =>
        {
            var value = healthy.Values[field.Name];
            Assert.InRange(value, field.Min, field.Max);
            if (field.Codes is { } codes)
            {
                Assert.Contains(codes, c => c.Value == value);
            }

            if (field.Target is { } target)
            {
                Assert.True(target.Contains(value), $"{key}.{field.Name} = {value} is not at its healthy target");
            }
        });
        Assert.All(disease.Rules, rule => Assert.True(healthy.Values[rule.Field] <= healthy.Values[rule.Limit]));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Example_EveryDisease_IsAValidPatientWithEveryField(string key)
    {
        var disease = DiseaseCatalog.Get(key);

        Assert.Equal(disease.InputNames.Order(), disease.Example.Keys.Order());
        Assert.All(disease.Fields, field =>
        {
            var value = disease.Example[field.Name];
            Assert.InRange(value, field.Min, field.Max);
            Assert.True(field.Codes is null || field.Codes.Any(c => c.Value == value), $"{key}.{field.Name} = {value} is not one of its codes");
            Assert.True(field.Kind != FieldKind.Integer || value == Math.Floor(value), $"{key}.{field.Name} = {value} is not whole");
        });
        Assert.All(disease.Rules, rule => Assert.True(disease.Example[rule.Field] <= disease.Example[rule.Limit]));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Expected_EveryDirection_HasASourceAndOrderedValues(string key)
    {
        var directed = DiseaseCatalog.Get(key).Fields.Where(f => f.Expected is not null).ToArray();

        Assert.NotEmpty(directed);
        Assert.All(directed, field =>
        {
            Assert.False(string.IsNullOrWhiteSpace(field.Expected!.Source));
            // A direction means something only when the values are ordered: numbers, counts, yes/no or graded codes.
            Assert.True(field.Kind != FieldKind.Code || field.Codes!.Select(c => c.Value).SequenceEqual(field.Codes!.Select(c => c.Value).Order()));
        });
    }

    [Fact]
    public void Population_CaseControlSamples_AreCorrectedToAPopulationAndRealPopulationsAreNot()
    {
        var corrected = DiseaseCatalog.All.Where(d => d.Population.CorrectToPrevalence).Select(d => d.Key).Order();

        Assert.Equal(["kidney", "liver"], corrected);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Cases_EveryDisease_HasATextbookSickPatientWhoMustBeHighAndEveryCaseIsAValidPatient(string key)
    {
        var disease = DiseaseCatalog.Get(key);

        Assert.Contains(disease.Cases, c => c.Lowest == RiskCategory.High);
        Assert.All(disease.Cases, clinical =>
        {
            Assert.True(clinical.Lowest <= clinical.Highest, clinical.Description);
            Assert.False(string.IsNullOrWhiteSpace(clinical.Reason));
            Assert.All(clinical.Values.Keys, name => Assert.NotNull(disease.Find(name)));
            Assert.All(disease.Fields, field =>
            {
                if (!clinical.Values.TryGetValue(field.Name, out var value))
                {
                    Assert.False(field.Required, $"{key}: '{clinical.Description}' leaves out the required {field.Name}");
                    return;
                }

                Assert.InRange(value, field.Min, field.Max);
                Assert.True(field.Codes is null || field.Codes.Any(c => c.Value == value), $"{key}.{field.Name} = {value}");
            });
        });
    }

    [Fact]
    public void Cases_Kidney_TheTwoPatientsOfIssue31AreHeld()
    {
        var cases = DiseaseCatalog.Get("kidney").Cases;

        var hypertensive = Assert.Single(cases, c => c.Values.GetValueOrDefault("hypertension") == 1 && c.Values["serum_creatinine"] == 1.0);
        var diabetic = Assert.Single(cases, c => c.Values.GetValueOrDefault("diabetes_mellitus") == 1 && c.Values["serum_creatinine"] == 0.9);

        Assert.Equal((RiskCategory.Low, RiskCategory.Moderate), (hypertensive.Lowest, hypertensive.Highest));
        Assert.Equal((RiskCategory.Low, RiskCategory.Low), (diabetic.Lowest, diabetic.Highest));
        Assert.DoesNotContain("albumin", hypertensive.Values.Keys);
        Assert.Equal(0, diabetic.Values["albumin"]);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Training_UnweightedAndDerivedInputs_AreFieldsAndEachUnweightedOneSaysWhy(string key)
    {
        var disease = DiseaseCatalog.Get(key);

        Assert.All(disease.Training.Unweighted, name => Assert.False(string.IsNullOrWhiteSpace(disease.Find(name)?.FactorNote), $"{key}.{name} has no note"));
        Assert.All(disease.Training.Derived, derived =>
        {
            Assert.Equal(derived.Carrier, derived.Inputs[0]);
            Assert.All(derived.Inputs, name => Assert.NotNull(disease.Find(name)));
            Assert.All(derived.Inputs, name => Assert.Contains("eGFR", disease.Find(name)!.FactorNote!, StringComparison.Ordinal));
        });
        Assert.False(string.IsNullOrWhiteSpace(disease.Population.TimeFrame));
    }

    [Fact]
    public void Kidney_IsForAdultsAndTakesSexForEgfrOnly()
    {
        var kidney = DiseaseCatalog.Get("kidney");

        Assert.Equal(18, kidney.Find("age")!.Min);
        Assert.False(kidney.Find("sex")!.Required);
        Assert.Contains("sex", kidney.Training.Unweighted);
        Assert.Equal(["serum_creatinine", "age", "sex"], Assert.Single(kidney.Training.Derived).Inputs);
        Assert.Contains("sex", ((Training.PublicDataSource)kidney.Training.Source).Layout.NotInData);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Targets_AnInputWhoseRiskFallsAsItRises_HasNoHealthyUpperEdgeBelowItsMaximum(string key)
    {
        // Moving such a value down to its healthy target would raise the estimate (lung BMI: a lower BMI goes with more lung cancer),
        // so a what-if would reward a healthier value with a higher risk: the input is then not offered as changeable.
        var fields = DiseaseCatalog.Get(key).Fields.Where(f => f.Target is not null && f.Expected?.Direction == Direction.Lowers);

        Assert.All(fields, field => Assert.Equal(field.Max, field.Target!.High));
    }
}
