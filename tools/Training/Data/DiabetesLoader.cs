using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Training.Data;

/// <summary>
/// Pima Indians diabetes (CSV with a header): 8 fields in the schema's order, then <c>outcome</c> 1/0.
/// A zero in glucose, blood pressure, skin thickness, insulin or BMI is a missing value, not a measurement.
/// </summary>
internal static class DiabetesLoader
{
    private static readonly HashSet<string> ZeroMeansMissing = ["glucose", "blood_pressure", "skin_thickness", "insulin", "bmi"];

    public static PatientTable Load(TextReader reader)
    {
        var schema = DiseaseSchemas.DiabetesSchema;
        return CsvTableReader.Read(
            schema,
            reader,
            hasHeader: true,
            (index, text) => CsvTableReader.Number(text, "", "?") is { } value && value == 0 && ZeroMeansMissing.Contains(schema.Fields[index].Name)
                ? float.NaN
                : CsvTableReader.Number(text, "", "?"),
            text => text switch { "1" => true, "0" => false, _ => null });
    }
}
