using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>
/// The app as a paying caller meets it (DevHost running the published worker, the repository's models in
/// Azurite, profiles and histories in Azurite's tables, chat against the Gemini stand-in, sign-in emulated), the document it serves saved to a file for
/// the outside tools, and two Prism proxies in front of it: one validating requests and answers, one
/// answers only (so that a request the document refuses still reaches the app, whose refusal is checked).
/// </summary>
public sealed class ContractFixture : IAsyncLifetime
{
    private readonly AzuriteServer _storage = new(tables: true);
    private readonly string _directory = Directory.CreateTempSubdirectory("contract-").FullName;
    private GeminiStandIn? _gemini;

    public DevHostServer Host { get; private set; } = null!;

    /// <summary>Azurite: the models' blobs and the people's tables (a test may stop the tables and must start them again).</summary>
    public AzuriteServer Storage => _storage;

    public GeminiStandIn Gemini => _gemini!;

    /// <summary>The served <c>/api/openapi.json</c>, as a file.</summary>
    public string DocumentPath => Path.Combine(_directory, "openapi.json");

    public JsonObject Document { get; private set; } = null!;

    /// <summary><c>/api/health</c> right after the document was first served, before any other call.</summary>
    public JsonObject HealthAfterDocument { get; private set; } = null!;

    /// <summary>Prism with request and answer validation, <c>--errors</c>: a violation either way is an error answer.</summary>
    public PrismProxy Strict { get; private set; } = null!;

    /// <summary>Prism with answer validation only: requests the document refuses are passed on, and the app's answer is checked.</summary>
    public PrismProxy AnswersOnly { get; private set; } = null!;

    /// <summary>Signs a person in at DevHost's <c>/.auth/login/aad</c> and answers the session's <c>Cookie</c> header, to send through a proxy.</summary>
    public async Task<string> SignInAsync(string userId, string name)
    {
        var cookies = new System.Net.CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = Host.BaseAddress };
        using var response = await client.PostAsync("/.auth/login/aad",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["user_id"] = userId, ["user_name"] = name }));
        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
        return cookies.GetCookieHeader(Host.BaseAddress);
    }

    /// <summary>A scratch folder that lives as long as the fixture.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    public async Task InitializeAsync()
    {
        await _storage.StartAsync();
        _gemini = await GeminiStandIn.StartAsync();
        await RepositoryModels.UploadAsync(_storage.ConnectionString);
        Host = new DevHostServer(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = _storage.ConnectionString,
            ["ModelStorage"] = _storage.ConnectionString,
            ["PeopleStorage"] = _storage.ConnectionString,
            ["Chat__RateLimit__PermitsPerMinute"] = "1000",
            ["Gemini__Endpoint"] = _gemini.Url,
            ["Gemini__ApiKey"] = _gemini.ApiKey,
        });
        await Host.StartAsync();

        using var client = Host.CreateClient();
        var bytes = await client.GetByteArrayAsync("api/openapi.json");
        await File.WriteAllBytesAsync(DocumentPath, bytes);
        Document = JsonNode.Parse(bytes)!.AsObject();
        HealthAfterDocument = (await client.GetFromJsonAsync<JsonObject>("api/health"))!;

        var api = new Uri(Host.BaseAddress, "api").AbsoluteUri;
        Strict = new PrismProxy(DocumentPath, api, validateRequests: true);
        AnswersOnly = new PrismProxy(DocumentPath, api, validateRequests: false);
        await Task.WhenAll(Strict.StartAsync(), AnswersOnly.StartAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var proxy in new[] { Strict, AnswersOnly })
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
        }

        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_gemini is not null)
        {
            await _gemini.DisposeAsync();
        }

        await _storage.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The contract tests share one app and its proxies, one test at a time (the machine is small).</summary>
[CollectionDefinition(Name)]
public sealed class ContractCollection : ICollectionFixture<ContractFixture>
{
    public const string Name = "Contract";
}
