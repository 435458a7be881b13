using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Training.Data;

/// <summary>
/// UCI Cleveland (processed.cleveland.data): 13 fields in the schema's order, then <c>num</c> 0–4.
/// <c>?</c> marks a missing value (ca, thal); disease is num &gt; 0.
/// </summary>
internal static class HeartLoader
{
    public static PatientTable Load(TextReader reader) =>
        CsvTableReader.Read(
            DiseaseSchemas.HeartSchema,
            reader,
            hasHeader: false,
            (_, text) => CsvTableReader.Number(text, "?"),
            text => CsvTableReader.Number(text) is { } num && num is >= 0 and <= 4 && num == MathF.Floor(num) ? num > 0 : null);
}
