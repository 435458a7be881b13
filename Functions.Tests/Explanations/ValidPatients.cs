using CsCheck;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Functions.Tests.Explanations;

/// <summary>
/// Random valid patients of a disease: every field inside its range (a whole number where the field asks, a listed
/// code for a coded field), an optional field left out one time in five, and the rules between fields kept (a value
/// that would break one is drawn again below its limit).
/// </summary>
internal static class ValidPatients
{
    public static Gen<double[]> For(DiseaseDefinition disease)
    {
        var fields = disease.Fields.Select(Field).ToArray();
        return Gen.Select(Join(fields), Gen.Double[0, 1], (row, share) => Mend(disease, row, share));
    }

    private static Gen<double[]> Join(Gen<double>[] fields)
    {
        Gen<double[]> row = Gen.Const(Array.Empty<double>());
        foreach (var field in fields)
        {
            row = Gen.Select(row, field, (values, value) => (double[])[.. values, value]);
        }

        return row;
    }

    private static Gen<double> Field(FieldDefinition field)
    {
        Gen<double> value = field.Kind switch
        {
            FieldKind.Code => Gen.OneOf([.. field.Codes!.Select(c => (double)c.Value)]),
            FieldKind.Integer => Gen.Int[(int)field.Min, (int)field.Max].Select(v => (double)v),
            _ => Gen.Double[field.Min, field.Max].Select(v => Math.Clamp(Math.Round(v, 3), field.Min, field.Max)),
        };
        return field.Required ? value : Gen.Frequency((4, (IGen<double>)value), (1, Gen.Const(double.NaN)));
    }

    private static double[] Mend(DiseaseDefinition disease, double[] row, double share)
    {
        foreach (var rule in disease.Rules)
        {
            var (field, limit) = (disease.IndexOf(rule.Field), disease.IndexOf(rule.Limit));
            if (row[field] > row[limit])
            {
                row[field] = Math.Round(row[limit] * share, 3);
            }
        }

        return row;
    }
}
