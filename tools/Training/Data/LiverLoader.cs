using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Training.Data;

/// <summary>
/// ILPD (indian-liver-patient.csv, no header): 10 fields in the schema's order, then the selector
/// (1 = liver patient, 2 = not). Gender is Male/Female (1/0); a blank albumin/globulin ratio is missing.
/// </summary>
internal static class LiverLoader
{
    private const int GenderIndex = 1;

    public static PatientTable Load(TextReader reader) =>
        CsvTableReader.Read(
            DiseaseSchemas.LiverSchema,
            reader,
            hasHeader: false,
            (index, text) => index == GenderIndex
                ? text switch { "Male" => 1f, "Female" => 0f, _ => null }
                : CsvTableReader.Number(text, "", "?"),
            text => text switch { "1" => true, "2" => false, _ => null });
}
