using HealthOracle.Diseases;
using HealthOracle.Diseases.Definitions;

namespace HealthOracle.Diseases.Tests;

public sealed class DiseaseCatalogTests
{
    [Theory]
    [InlineData("heart", "age,sex,cp,trestbps,chol,fbs,restecg,thalach,exang,oldpeak,slope,ca,thal")]
    [InlineData("diabetes", "pregnancies,glucose,blood_pressure,skin_thickness,insulin,bmi,diabetes_pedigree,age")]
    [InlineData("liver", "age,gender,total_bilirubin,direct_bilirubin,alkaline_phosphotase,alamine_aminotransferase,aspartate_aminotransferase,total_proteins,albumin,albumin_globulin_ratio")]
    [InlineData("lung", "age,smoking_status,area_air_quality_index,alcohol_consumption,bmi,family_history,physical_activity_level,occupation_exposure")]
    public void Get_EachDisease_HasTheOriginalFormsFieldsInOrder(string disease, string fields)
    {
        var schema = DiseaseCatalog.Get(disease);

        var names = string.Join(',', schema.InputNames);

        Assert.Equal(fields, names);
    }

    [Fact]
    public void HeartSchema_Thal_AcceptsOnlyTheClevelandCodes()
    {
        var thal = Heart.Definition.Find("thal")!;

        var codes = thal.Codes!.Select(c => c.Value);

        Assert.Equal([3, 6, 7], codes);
    }

    [Fact]
    public void All_EveryField_HasALabelAndAnOrderedRange()
    {
        var fields = DiseaseCatalog.All.SelectMany(s => s.Fields).ToList();

        var bad = fields.Where(f => string.IsNullOrWhiteSpace(f.Label) || f.Min > f.Max).Select(f => f.Name);

        Assert.Empty(bad);
    }
}
