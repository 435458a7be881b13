using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Diseases.Training;
using HealthOracle.Diseases.Definitions;

namespace HealthOracle.Diseases.Tests;

public sealed class DiseaseCatalogTests
{
    [Theory]
    [InlineData("heart", "age,sex,cp,trestbps,chol,fbs,restecg,thalach,exang,oldpeak,slope,ca,thal")]
    [InlineData("diabetes", "pregnancies,glucose,blood_pressure,skin_thickness,insulin,bmi,diabetes_pedigree,age")]
    [InlineData("liver", "age,gender,total_bilirubin,direct_bilirubin,alkaline_phosphotase,alamine_aminotransferase,aspartate_aminotransferase,total_proteins,albumin,albumin_globulin_ratio")]
    [InlineData("lung", "age,smoking_status,area_air_quality_index,alcohol_consumption,bmi,family_history,physical_activity_level,occupation_exposure")]
    [InlineData("kidney", "age,sex,blood_pressure,specific_gravity,albumin,sugar,blood_glucose_random,blood_urea,serum_creatinine,hemoglobin,hypertension,diabetes_mellitus")]
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

    public static TheoryData<string> Keys => new(DiseaseCatalog.Keys);

    [Fact]
    public void All_Keys_AreUniqueLowerCaseRouteSegments()
    {
        var keys = DiseaseCatalog.Keys.ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, key => Assert.Matches("^[a-z]+$", key));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Definition_Fields_AreFewUniqueAndConsistent(string key)
    {
        var disease = DiseaseCatalog.Get(key);

        Assert.InRange(disease.Fields.Count, 1, DiseaseDefinition.MaxFields);
        Assert.Equal(disease.Fields.Count, disease.Fields.Select(f => f.Name).Distinct().Count());
        Assert.All(disease.Fields, field =>
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", field.Name);
            Assert.Equal(field.Kind == FieldKind.Code, field.Codes is { Count: > 0 });
            Assert.All(field.AlternativeUnits, unit => Assert.True(unit.ToFieldUnit > 0 && unit.Unit != field.Unit, $"{key}.{field.Name} {unit.Unit}"));
            if (field.Target is { } target)
            {
                Assert.True(field.Min <= target.Low && target.Low <= target.High && target.High <= field.Max, $"{key}.{field.Name}: target outside the valid range");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Definition_ChangeableInputs_AreNeverAgeSexOrATestResultCode(string key)
    {
        var changeable = DiseaseCatalog.Get(key).Fields.Where(f => f.Changeable).Select(f => f.Name);

        Assert.DoesNotContain(changeable, name => name is "age" or "sex" or "gender" or "cp" or "restecg" or "slope" or "ca" or "thal" or "exang");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Definition_RulesAdviceAndNotice_NameRealFieldsAndSayEnough(string key)
    {
        var disease = DiseaseCatalog.Get(key);

        Assert.All(disease.Rules, rule =>
        {
            Assert.NotNull(disease.Find(rule.Field));
            Assert.NotNull(disease.Find(rule.Limit));
        });
        Assert.All(Enum.GetValues<RiskCategory>(), category => Assert.NotEmpty(disease.Advice.For(category)));
        Assert.False(string.IsNullOrWhiteSpace(disease.Population.Description));
        if (disease.Synthetic)
        {
            Assert.False(string.IsNullOrWhiteSpace(disease.Notice));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Definition_TrainingLayout_NamesOnlyFieldsAndEveryColumnIsKnown(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        if (disease.Training.Source is not PublicDataSource file)
        {
            return;
        }

        var layout = file.Layout;
        var fields = disease.InputNames.ToHashSet();
        Assert.Matches("^[0-9a-f]{64}$", file.Sha256);
        Assert.All(layout.ColumnOf.Keys.Concat(layout.Words.Keys).Concat(layout.ZeroIsMissing).Concat(disease.Training.SkewedFields), name => Assert.Contains(name, fields));
        if (layout.Format == TableFormat.Csv)
        {
            Assert.All(disease.InputNames.Select(layout.ColumnFor).Append(layout.Outcome.Column), column => Assert.Contains(column, layout.Columns));
        }

        Assert.NotEmpty(layout.Outcome.Disease);
        Assert.NotEmpty(layout.Outcome.NoDisease);
        Assert.Empty(layout.Outcome.Disease.Intersect(layout.Outcome.NoDisease));
    }
}
