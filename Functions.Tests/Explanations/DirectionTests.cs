using CsCheck;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Tests.Explanations;

/// <summary>The served models agree with medicine: the direction table holds over every input's valid range, and a textbook-healthy person is Low.</summary>
public sealed class DirectionTests
{
    private const int Points = 41;

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Predict_TextbookHealthyPerson_IsLow(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var healthy = disease.Fields.Select(f => disease.Healthy!.Values[f.Name]).ToArray();

        var probability = ExplanationModels.ScoreAlone(ExplanationModels.Real(key), healthy);

        Assert.Equal(RiskCategory.Low, Risk.Categorize(Risk.Percentage(probability)));
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Predict_HealthyPersonAged25To50OfEitherSex_IsLow(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var model = ExplanationModels.Real(key);
        var sex = disease.Fields.FirstOrDefault(f => f.Name is "sex" or "gender");
        foreach (var age in new[] { 25, 35, 50 })
        {
            foreach (var code in sex?.Codes?.Select(c => c.Value) ?? [0])
            {
                var person = disease.Fields.Select(f => f.Name == "age" ? age : f == sex ? code : disease.Healthy!.Values[f.Name]).ToArray();

                var percentage = Risk.Percentage(ExplanationModels.ScoreAlone(model, person));

                Assert.True(percentage < 30, $"{key}, age {age}, sex {code}: {percentage}%");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Predict_EachDirectedInputSweptOverItsRangeOnRandomPatients_MovesTheRiskTheExpectedWay(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var model = ExplanationModels.Real(key);
        var reference = model.Entry.Explanation!.Reference.ToArray();
        var healthy = disease.Fields.Select(f => disease.Healthy!.Values[f.Name]).ToArray();
        Gen.OneOf(ValidPatients.For(disease), Gen.Const(reference), Gen.Const(healthy)).Sample(patient =>
        {
            for (var f = 0; f < disease.Fields.Count; f++)
            {
                var field = disease.Fields[f];
                if (field.Expected is not { } expected)
                {
                    continue;
                }

                var rows = Grid(field).Select(v => With(patient, f, v)).Where(r => Valid(disease, r)).ToArray();
                var batch = ExplanationModels.Batch(rows);
                var probabilities = ExplanationModels.Probabilities(model, batch);
                var sign = expected.Direction == Direction.Raises ? 1 : -1;
                for (var i = 1; i < probabilities.Length; i++)
                {
                    Assert.True(sign * (probabilities[i] - probabilities[i - 1]) >= -1e-6,
                        $"{key}.{field.Name} {expected.Direction}: {rows[i - 1][f]} → {rows[i][f]} moved {probabilities[i - 1]} → {probabilities[i]}");
                }
            }
        }, iter: 60, threads: 1);
    }

    private static IEnumerable<double> Grid(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Code => field.Codes!.Select(c => (double)c.Value).Order(),
        _ => Enumerable.Range(0, Points).Select(i => field.Min + ((field.Max - field.Min) * i / (Points - 1)))
            .Select(v => field.Kind == FieldKind.Integer ? Math.Round(v) : v).Distinct(),
    };

    private static double[] With(double[] patient, int field, double value)
    {
        var row = (double[])patient.Clone();
        row[field] = value;
        return row;
    }

    private static bool Valid(DiseaseDefinition disease, double[] row) =>
        disease.Rules.All(rule => !(row[disease.IndexOf(rule.Field)] > row[disease.IndexOf(rule.Limit)]));
}
