using HealthOracle.Diseases.Definitions;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Diseases.Tests;

public sealed class PlausibilityCheckTests
{
    public static TheoryData<string> Keys => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Keys))]
    public void Checks_NameRealFields_AndSuggestWithinTheFieldsRange(string key)
    {
        var disease = DiseaseCatalog.Get(key);

        Assert.All(disease.Plausibility, check =>
        {
            var field = disease.Find(check.Field);
            Assert.NotNull(field);
            Assert.NotEqual(FieldKind.Code, field.Kind);
            Assert.NotEmpty(check.When);
            Assert.All(check.When, condition =>
            {
                Assert.NotNull(disease.Find(condition.Field));
                Assert.True(condition.TimesField is null || disease.Find(condition.TimesField) is not null);
            });
            Assert.False(string.IsNullOrWhiteSpace(check.Message));
            Assert.True(check.SuggestFactor is null or > 0);
        });
    }

    [Theory]
    [InlineData(9, 0.2, true)]     // the slipped decimal point: 0.9 typed as 9
    [InlineData(0.9, 0.2, false)]  // normal
    [InlineData(4, 0.2, false)]    // high, but below the threshold (Gilbert's syndrome reaches this)
    [InlineData(9, 3, false)]      // high with a high direct bilirubin: cholestasis, plausible
    [InlineData(10, 1, true)]      // exactly ten times
    public void Liver_TotalFarAboveDirect_Speaks(double total, double direct, bool speaks)
    {
        var check = Assert.Single(Liver.Definition.Plausibility);
        var values = new Dictionary<string, double> { ["total_bilirubin"] = total, ["direct_bilirubin"] = direct };

        Assert.Equal(speaks, check.IsMetBy(name => values.GetValueOrDefault(name, double.NaN)));
    }

    [Fact]
    public void Check_WithAValueNotGiven_StaysQuiet()
    {
        var check = Assert.Single(Liver.Definition.Plausibility);

        Assert.False(check.IsMetBy(name => name == "total_bilirubin" ? 9 : double.NaN));
    }

    [Theory]
    [InlineData(70, true)]   // 70 µmol/l typed into the mg/dl field
    [InlineData(1.1, false)]
    public void Kidney_CreatinineInMicromolesTypedAsMilligrams_Speaks(double creatinine, bool speaks)
    {
        var check = Assert.Single(Kidney.Definition.Plausibility);

        Assert.Equal(speaks, check.IsMetBy(name => name == "serum_creatinine" ? creatinine : double.NaN));
    }

    [Fact]
    public void Kidney_Suggestion_IsTheMicromolarValueInMilligrams()
    {
        var check = Assert.Single(Kidney.Definition.Plausibility);

        // 70 µmol/l of creatinine is 0.79 mg/dl: the suggestion uses the same factor as the unit choice.
        Assert.Equal(0.79, Math.Round(70 * check.SuggestFactor!.Value, 2));
        Assert.Equal(Kidney.Definition.Find("serum_creatinine")!.AlternativeUnits[0].ToFieldUnit, check.SuggestFactor);
    }
}
