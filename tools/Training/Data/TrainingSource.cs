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
    string? Notice);
