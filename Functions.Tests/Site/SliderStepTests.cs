using HealthOracle.Diseases;
using HealthOracle.Functions.Site;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>A what-if slider moves in steps that fit its range: a step wider than the range leaves a slider that cannot move.</summary>
public sealed class SliderStepTests
{
    [Theory]
    [InlineData("kidney", "specific_gravity", 0.001)]
    [InlineData("heart", "trestbps", 1)]
    [InlineData("heart", "oldpeak", 0.1)]
    public void SliderStep_InTheFieldsOwnUnit_FitsTheRange(string disease, string name, double expected)
    {
        var field = DiseaseCatalog.Get(disease).Fields.Single(f => f.Name == name);

        var step = ExplanationView.SliderStep(field, factor: 1, integer: field.Kind == HealthOracle.Diseases.Fields.FieldKind.Integer);

        Assert.Equal(expected, step, 12);
        Assert.True((field.Max - field.Min) / step >= 10, $"{name}: fewer than ten steps over its range");
    }

    [Fact]
    public void SliderStep_EveryChangeableNumberOfEveryDisease_HasAtLeastTenStepsInEveryUnit()
    {
        foreach (var disease in DiseaseCatalog.Keys.Select(DiseaseCatalog.Get))
        {
            foreach (var field in disease.Fields.Where(f => f.Codes is null))
            {
                foreach (var factor in field.AlternativeUnits.Select(u => u.ToFieldUnit).Prepend(1))
                {
                    var step = ExplanationView.SliderStep(field, factor, integer: false);
                    Assert.True((field.Max - field.Min) / factor / step >= 10, $"{disease.Key}.{field.Name} (× {factor}): step {step}");
                }
            }
        }
    }
}
