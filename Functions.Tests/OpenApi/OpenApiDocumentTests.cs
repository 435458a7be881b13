using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>
/// <c>GET /api/openapi.json</c> as the running app serves it: cached and revalidated by its ETag, built
/// without loading a model, and clean under <c>@redocly/cli lint</c> with its recommended rules
/// (<c>redocly.yaml</c>: examples are checked against their schemas as errors).
/// </summary>
[Collection(ContractCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OpenApiDocumentTests(ContractFixture contract)
{
    [Fact]
    public async Task Document_IsCachedAndRevalidatedByItsETag()
    {
        using var client = contract.Host.CreateClient();

        using var first = await client.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal($"\"{contract.Document["info"]!["x-fingerprint"]!.GetValue<string>()}\"", etag.Tag);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Headers.CacheControl?.MaxAge);
        Assert.Equal(await File.ReadAllBytesAsync(contract.DocumentPath), await first.Content.ReadAsByteArrayAsync());

        using var again = new HttpRequestMessage(HttpMethod.Get, "api/openapi.json");
        again.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());

        using var other = new HttpRequestMessage(HttpMethod.Get, "api/openapi.json");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000000000000000\""));
        using var changed = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public void Document_IsServedWithoutLoadingAModel()
    {
        var models = contract.HealthAfterDocument["models"]!.AsObject();
        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.False(m.Value!["loaded"]!.GetValue<bool>(), $"{m.Key} was loaded by serving the document."));
    }

    [Fact]
    public async Task RedoclyLint_RecommendedRules_FindNoError()
    {
        var cli = Path.Combine(RepositoryPaths.Root, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run npm ci at the repository root.");

        var (exitCode, output) = await RunNodeAsync(cli, "lint", contract.DocumentPath, "--config", Path.Combine(RepositoryPaths.Root, "redocly.yaml"), "--format", "stylish");

        Assert.True(exitCode == 0, $"redocly lint found errors in the served document:{Environment.NewLine}{output}");
        Assert.Contains("valid", output, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no usage report, no update check.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
