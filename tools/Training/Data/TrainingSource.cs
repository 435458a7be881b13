namespace HealthOracle.Training.Data;

/// <summary>A disease's cleaned training table and everything the manifest and model card say about it.</summary>
internal sealed record TrainingSource(
    PatientTable Table,
    string File,
    string Sha256,
    string Source,
    string Licence,
    string Citation,
    string Population,
    string Cleaning,
    bool Synthetic,
    string? Notice)
{
    /// <summary>Rows of the file left out because they are outside the model's population (Data/Eligibility), by reason.</summary>
    public IReadOnlyList<Exclusion> Excluded { get; init; } = [];

    /// <summary>The rows the file has, before any was left out.</summary>
    public int FileRows => Table.Count + Excluded.Sum(e => e.Rows);
}
