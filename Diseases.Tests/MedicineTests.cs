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
}
