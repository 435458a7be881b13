using HealthOracle.Diseases.Fields;

namespace HealthOracle.Diseases.Tests;

/// <summary>The CKD-EPI 2021 equation against values computed independently from its published power form.</summary>
public sealed class EgfrTests
{
    // 142 · min(Scr/κ, 1)^α · max(Scr/κ, 1)^−1.2 · 0.9938^age (· 1.012 for a woman), evaluated in Python from Inker et al. 2021.
    [Theory]
    [InlineData(1.0, 50, 91.691479, 68.633497)]
    [InlineData(0.9, 55, 100.863243, 75.498805)]
    [InlineData(1.0, 55, 88.884071, 66.532078)]
    [InlineData(0.5, 30, 140.718246, 129.316960)]
    [InlineData(2.5, 70, 26.963782, 20.183104)]
    [InlineData(0.7, 40, 119.456468, 112.054307)]
    public void CkdEpi2021_PublishedPowerForm_SameForEachSex(double creatinine, double age, double man, double woman)
    {
        var male = Egfr.CkdEpi2021(creatinine, age, 1);
        var female = Egfr.CkdEpi2021(creatinine, age, 0);

        Assert.Equal(man, male, 1e-5);
        Assert.Equal(woman, female, 1e-5);
    }

    [Fact]
    public void CkdEpi2021_SexNotKnown_IsTheGeometricMeanOfAWomansAndAMans()
    {
        var unknown = Egfr.CkdEpi2021(1.0, 55, double.NaN);

        Assert.Equal(Math.Sqrt(88.884071 * 66.532078), unknown, 1e-5);
    }

    [Fact]
    public void LnCkdEpi2021_FallsAsCreatinineAndAgeRise_AndIsMissingWithoutCreatinine()
    {
        var creatinine = Enumerable.Range(1, 400).Select(i => Egfr.LnCkdEpi2021(i * 0.05, 50, 1)).ToArray();
        var age = Enumerable.Range(18, 100).Select(a => Egfr.LnCkdEpi2021(1.0, a, 0)).ToArray();

        Assert.True(creatinine.Zip(creatinine.Skip(1)).All(p => p.Second < p.First));
        Assert.True(age.Zip(age.Skip(1)).All(p => p.Second < p.First));
        Assert.True(double.IsNaN(Egfr.LnCkdEpi2021(double.NaN, 50, 1)));
    }
}
