namespace HealthOracle.Training.Data;

/// <summary>
/// A public data set a model is trained on: where it lives under the data folder, its SHA-256 (the
/// bytes the published metrics were measured on), its canonical download address, and what a model
/// card must say about it.
/// </summary>
internal sealed record Dataset(
    string Disease,
    string RelativePath,
    string Sha256,
    Uri DownloadUri,
    string Source,
    string Licence,
    string Citation,
    string Population,
    Func<TextReader, PatientTable> Load)
{
    /// <summary>Turns the downloaded bytes into the canonical file's text (Pima's mirror lacks the header).</summary>
    public string? DownloadHeader { get; init; }
}
