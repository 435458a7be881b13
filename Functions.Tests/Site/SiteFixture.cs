using HealthOracle.Functions.Tests.TestSupport;
using HealthOracle.SiteBuilder;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// The whole product as a visitor meets it: DevHost running the published worker, models in Azurite,
/// chat against the stand-in Gemini, and DevHost serving the site built by tools/SiteBuilder with its forms and
/// config.js pointing at this API (as a deployment builds it); and a Chromium to visit it.
/// </summary>
public class SiteFixture : IAsyncLifetime
{
    private readonly ChromiumFixture _chromium = new();
    private AzuriteServer _storage = null!;
    private readonly string _siteCopy = Directory.CreateTempSubdirectory("site-").FullName;
    private GeminiStandIn? _gemini;
    private DevHostServer? _host;

    public Uri Site => _host!.SiteAddress;

    public Uri Api => _host!.BaseAddress;

    public GeminiStandIn Gemini => _gemini!;

    /// <summary>App settings for this fixture's app, on top of the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>Accounts on: Azurite's table service runs too and the app keeps profiles and histories there.</summary>
    protected virtual bool Accounts => false;

    /// <summary>Azurite, for reading what the app stored.</summary>
    public AzuriteServer Storage => _storage;

    public Task<IBrowserContext> NewContextAsync(bool javaScript = true, int width = 390) => _chromium.NewContextAsync(javaScript, width);

    public async Task InitializeAsync()
    {
        _storage = new AzuriteServer(tables: Accounts);
        await Task.WhenAll(_chromium.InitializeAsync(), _storage.StartAsync());
        _gemini = await GeminiStandIn.StartAsync();
        await RepositoryModels.UploadAsync(_storage.ConnectionString);
        var values = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = _storage.ConnectionString,
            ["ModelStorage"] = _storage.ConnectionString,
            ["Gemini__Endpoint"] = _gemini.Url,
            ["Gemini__ApiKey"] = _gemini.ApiKey,
            // Every browser test calls from 127.0.0.1, one client to the app: with the default limit (10 a minute) the
            // eleventh chat call in a minute, whichever test made it, was refused, and the behaviour that test had queued
            // in the Gemini stand-in stayed there for another test's call (issue 24, S10). The shared app's limit is out
            // of every test's reach; RateLimitTests tests the limit with an app of its own.
            ["Chat__RateLimit__PermitsPerMinute"] = "1000000",
        };
        if (Accounts)
        {
            values["PeopleStorage"] = _storage.ConnectionString;
            // A page treats a person whose profile could not be read as unknown (no prefill): at load 40 a 5 s table call
            // timed out once (issue 24, S10). The browser tests test the pages, not the timeout.
            values["PeopleStorage__NetworkTimeoutSeconds"] = "60";
        }

        foreach (var (name, value) in Settings)
        {
            values[name] = value;
        }

        // The site on its own origin, allowed with credentials (the pages send the sign-in cookie), as in
        // local.settings.sample.json: the pages make real cross-origin calls, preflight included.
        var sitePort = FreePort.Next();
        _host = new DevHostServer(values, cors: $"http://127.0.0.1:{sitePort}", corsCredentials: true, siteDirectory: _siteCopy, sitePort: sitePort);
        // The app's no-JavaScript pages are drawn in the site's frame and lead back to it.
        _host.SetValue("Site__Url", _host.SiteAddress.AbsoluteUri);
        // Built as a deployment builds it (tools/SiteBuilder), its forms and config.js pointing at this API.
        await new SiteBuild(RepositoryPaths.Root, _siteCopy, _host.BaseAddress.GetLeftPart(UriPartial.Authority)).WriteAsync();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_gemini is not null)
        {
            await _gemini.DisposeAsync();
        }

        await _storage.DisposeAsync();
        await _chromium.DisposeAsync();
        Directory.Delete(_siteCopy, recursive: true);
    }
}

/// <summary>The form and chat tests share one app (and run one at a time) to spare the machine.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "Site";
}
