using System.Text;

namespace HealthOracle.Training.Data;

/// <summary>
/// Fetches a data set from its canonical address into the data folder, but only keeps it when its
/// SHA-256 is the published one; a file already there with the right hash is left alone.
/// </summary>
internal sealed class DatasetDownloader(HttpClient http)
{
    public async Task<string> EnsureAsync(Dataset dataset, string dataFolder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataFolder, dataset.RelativePath);
        if (File.Exists(path) && TrainingSources.Sha256Hex(await File.ReadAllBytesAsync(path, cancellationToken)) == dataset.Sha256)
        {
            return path;
        }

        var bytes = await http.GetByteArrayAsync(dataset.DownloadUri, cancellationToken);
        if (dataset.DownloadHeader is { } header && !Encoding.UTF8.GetString(bytes).StartsWith(header, StringComparison.Ordinal))
        {
            bytes = [.. Encoding.UTF8.GetBytes(header + "\n"), .. bytes];
        }

        var sha = TrainingSources.Sha256Hex(bytes);
        if (sha != dataset.Sha256)
        {
            throw new InvalidDataException($"{dataset.DownloadUri.AbsoluteUri} gave SHA-256 {sha}, expected {dataset.Sha256}: refusing to train on different data.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        return path;
    }
}
