using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Training.Data;

/// <summary>
/// A cleaned data set: one row per patient with the definition's fields in the definition's order (NaN where a value
/// is missing) and the outcome. Rows the loader could not read are listed, not silently dropped.
/// </summary>
internal sealed record PatientTable(DiseaseDefinition Disease, IReadOnlyList<float[]> Rows, IReadOnlyList<bool> Labels, IReadOnlyList<RejectedRow> Rejected)
{
    public int Count => Rows.Count;

    public int Positives => Labels.Count(l => l);

    public int MissingValues => Rows.Sum(r => r.Count(float.IsNaN));

    public PatientTable Subset(IReadOnlyList<int> indices) =>
        new(Disease, indices.Select(i => Rows[i]).ToArray(), indices.Select(i => Labels[i]).ToArray(), []);
}

/// <summary>A line of the source file that was not a valid row, and why.</summary>
internal sealed record RejectedRow(int Line, string Reason);
