using System.IO.Compression;
using System.Text;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Training.Data;

/// <summary>
/// Fetches a data set from its canonical address into the data folder (taking the named entry out of a
/// zip archive where the publisher ships one), but only keeps it when its SHA-256 is the published one; a
/// file already there with the right hash is left alone.
/// </summary>
internal sealed class DatasetDownloader(HttpClient http)
{
    public async Task<string> EnsureAsync(PublicDataSource dataset, string dataFolder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataFolder, dataset.RelativePath);
        if (File.Exists(path) && TrainingSources.Sha256Hex(await File.ReadAllBytesAsync(path, cancellationToken)) == dataset.Sha256)
        {
            return path;
        }

        var bytes = await http.GetByteArrayAsync(dataset.DownloadUri, cancellationToken);
        if (dataset.ArchiveEntry is { } entryName)
        {
            bytes = await ExtractAsync(bytes, entryName, dataset.DownloadUri, cancellationToken);
        }

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

    private static async Task<byte[]> ExtractAsync(byte[] archive, string entryName, Uri source, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
            var entry = zip.Entries.FirstOrDefault(e => string.Equals(e.Name, entryName, StringComparison.Ordinal))
                ?? throw new InvalidDataException($"{source.AbsoluteUri} holds no {entryName}.");
            using var content = entry.Open();
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (InvalidDataException e) when (!e.Message.Contains(entryName, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source.AbsoluteUri} is not a zip archive: {e.Message}", e);
        }
    }
}
