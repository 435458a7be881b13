using System.Net;
using HealthOracle.Training.Data;

namespace HealthOracle.Training.Tests.Data;

public sealed class DatasetDownloaderTests
{
    [Fact]
    public async Task Ensure_MirrorWithoutHeader_WritesTheCanonicalPimaFile()
    {
        var canonical = await File.ReadAllTextAsync(Path.Combine(TestData.Datasets, Datasets.Diabetes.RelativePath));
        var mirror = canonical[(canonical.IndexOf('\n') + 1)..];
        var folder = TestData.TempFolder("ho-download-");
        var downloader = new DatasetDownloader(new HttpClient(new TestHttpHandler(mirror)));

        var path = await downloader.EnsureAsync(Datasets.Diabetes, folder, CancellationToken.None);

        Assert.Equal(Datasets.Diabetes.Sha256, TrainingSources.Sha256Hex(await File.ReadAllBytesAsync(path)));
    }

    [Fact]
    public async Task Ensure_DifferentBytes_RefusedAndNothingWritten()
    {
        var folder = TestData.TempFolder("ho-download-");
        var downloader = new DatasetDownloader(new HttpClient(new TestHttpHandler("63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,0.0,6.0,0\n")));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => downloader.EnsureAsync(Datasets.Heart, folder, CancellationToken.None));

        Assert.Contains("SHA-256", error.Message);
        Assert.False(File.Exists(Path.Combine(folder, Datasets.Heart.RelativePath)));
    }

    private sealed class TestHttpHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
    }
}
