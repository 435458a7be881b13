namespace HealthOracle.Diseases.Training;

/// <summary>Where a disease's training rows come from: a published file, or a seeded generator.</summary>
public abstract record DataSource;

/// <summary>
/// A public data set: where it lives under the data folder, its SHA-256 (the bytes the published metrics
/// were measured on), its canonical download address, what a model card must say about it, and how its
/// columns map to the disease's fields.
/// </summary>
/// <param name="RelativePath">The file under the data folder, e.g. <c>heart/processed.cleveland.data</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="DownloadUri">The canonical address of the file (or of the archive that holds it).</param>
/// <param name="Source">Who published it, in words.</param>
/// <param name="Licence">Its licence.</param>
/// <param name="Citation">How to cite it.</param>
/// <param name="Cleaning">What reading it does to the raw values, in words, for the model card.</param>
/// <param name="Layout">How its columns map to the disease's fields and outcome.</param>
public sealed record PublicDataSource(
    string RelativePath,
    string Sha256,
    Uri DownloadUri,
    string Source,
    string Licence,
    string Citation,
    string Cleaning,
    TableLayout Layout) : DataSource
{
    /// <summary>A header line the download lacks and the canonical file has (Pima's mirror has none), or null.</summary>
    public string? DownloadHeader { get; init; }

    /// <summary>When the download is a zip archive: the file name of the entry to keep, or null.</summary>
    public string? ArchiveEntry { get; init; }
}

/// <summary>
/// Data the training tool generates itself (no licensed public table exists), from a named generator and
/// seed. A disease with such a source must carry a notice that says so.
/// </summary>
/// <param name="Generator">The training tool's generator, by name.</param>
public sealed record SyntheticSource(string Generator) : DataSource;
