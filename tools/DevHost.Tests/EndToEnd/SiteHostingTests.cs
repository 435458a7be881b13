using System.Net;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.DevHost.Tests.EndToEnd;

/// <summary>DevHost serves a static folder (the site) on its own origin, beside the API.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SiteHostingTests
{
    [Fact]
    public async Task Site_GetRoot_ServesIndexHtml()
    {
        var site = Directory.CreateTempSubdirectory("site-").FullName;
        await File.WriteAllTextAsync(Path.Combine(site, "index.html"), "<!doctype html><title>probe</title>");
        await using var host = new DevHostServer(siteDirectory: site);
        await host.StartAsync();
        using var client = new HttpClient { BaseAddress = host.SiteAddress };

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>probe</title>", await response.Content.ReadAsStringAsync());
        Directory.Delete(site, recursive: true);
    }
}
