using System.IO.Compression;
using System.Net;
using HealthOracle.Training.Data;

namespace HealthOracle.Training.Tests.Data;

public sealed class DatasetDownloaderTests
{
    [Fact]
    public async Task Ensure_MirrorWithoutHeader_WritesTheCanonicalPimaFile()
    {
        var canonical = await File.ReadAllTextAsync(Path.Combine(TestData.Datasets, TestData.DiabetesFile.RelativePath));
        var mirror = canonical[(canonical.IndexOf('\n') + 1)..];
        var folder = TestData.TempFolder("ho-download-");
        var downloader = new DatasetDownloader(new HttpClient(new TestHttpHandler(mirror)));

        var path = await downloader.EnsureAsync(TestData.DiabetesFile, folder, CancellationToken.None);

        Assert.Equal(TestData.DiabetesFile.Sha256, TrainingSources.Sha256Hex(await File.ReadAllBytesAsync(path)));
    }

    [Fact]
    public async Task Ensure_DifferentBytes_RefusedAndNothingWritten()
    {
        var folder = TestData.TempFolder("ho-download-");
        var downloader = new DatasetDownloader(new HttpClient(new TestHttpHandler("63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,0.0,6.0,0\n")));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => downloader.EnsureAsync(TestData.HeartFile, folder, CancellationToken.None));

        Assert.Contains("SHA-256", error.Message);
        Assert.False(File.Exists(Path.Combine(folder, TestData.HeartFile.RelativePath)));
    }

    [Fact]
    public async Task Ensure_ZipArchive_KeepsTheNamedEntry()
    {
        var canonical = await File.ReadAllBytesAsync(Path.Combine(TestData.Datasets, TestData.KidneyFile.RelativePath));
        var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var readme = zip.CreateEntry("Chronic_Kidney_Disease/chronic_kidney_disease.info.txt").Open())
            {
                readme.Write("about"u8);
            }

            await using var data = zip.CreateEntry("Chronic_Kidney_Disease/" + TestData.KidneyFile.ArchiveEntry).Open();
            data.Write(canonical);
        }

        var folder = TestData.TempFolder("ho-download-");
        var downloader = new DatasetDownloader(new HttpClient(new TestHttpHandler(archive.ToArray())));

        var path = await downloader.EnsureAsync(TestData.KidneyFile, folder, CancellationToken.None);

        Assert.Equal(canonical, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Ensure_NotAZip_RefusedAndNothingWritten()
    {
        var folder = TestData.TempFolder("ho-download-");
        var downloader = new DatasetDownloader(new HttpClient(new TestHttpHandler("<html>moved</html>"u8.ToArray())));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => downloader.EnsureAsync(TestData.KidneyFile, folder, CancellationToken.None));

        Assert.Contains("not a zip archive", error.Message);
        Assert.False(File.Exists(Path.Combine(folder, TestData.KidneyFile.RelativePath)));
    }

    private sealed class TestHttpHandler(byte[] body) : HttpMessageHandler
    {
        public TestHttpHandler(string text)
            : this(System.Text.Encoding.UTF8.GetBytes(text))
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
