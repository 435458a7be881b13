using Azure.Data.Tables;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.People;

/// <summary>
/// The real app with accounts on: Azurite (blobs with the repository's models, and tables for people),
/// the Gemini stand-in, and DevHost emulating App Service Authentication in front of the published worker.
/// </summary>
public class PeopleHostFixture : IAsyncLifetime
{
    public AzuriteServer Storage { get; } = new(tables: true);

    public GeminiStandIn Gemini { get; private set; } = null!;

    public DevHostServer Host { get; private set; } = null!;

    /// <summary>DevHost's <c>--auth</c>.</summary>
    protected virtual bool AuthEmulation => true;

    public async Task InitializeAsync()
    {
        await Storage.StartAsync();
        await RepositoryModels.UploadAsync(Storage.ConnectionString);
        Gemini = await GeminiStandIn.StartAsync();
        Host = new DevHostServer(
            new Dictionary<string, string>
            {
                ["ModelStorage"] = Storage.ConnectionString,
                ["PeopleStorage"] = Storage.ConnectionString,
                ["PeopleStorage__RetryAfterSeconds"] = "2",
                ["Gemini__Endpoint"] = Gemini.Url,
                ["Gemini__ApiKey"] = Gemini.ApiKey,
                ["Chat__RateLimit__PermitsPerMinute"] = "1000",
            },
            authEmulation: AuthEmulation);
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Gemini.DisposeAsync();
        await Storage.DisposeAsync();
    }

    /// <summary>Signs a new browser-like client in as this person (DevHost's sign-in form, a cookie jar).</summary>
    public Task<Person> SignInAsync(string userId, string name) => Person.SignInAsync(Host.BaseAddress, userId, name);

    /// <summary>A client that never signs in.</summary>
    public Person Anonymous() => Person.Anonymous(Host.BaseAddress);

    /// <summary>The people table read directly, as an operator would: every row of one person, by their id.</summary>
    public Task<IReadOnlyList<TableEntity>> RowsOfAsync(string userId) => RowsAsync($"PartitionKey eq '{PersonKey.For("aad", userId)}'");

    /// <summary>Every row of the table (empty when the app never created it).</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync(string? filter = null)
    {
        var table = new TableClient(Storage.ConnectionString, "people");
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter))
            {
                rows.Add(row);
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No table yet: nothing was ever stored.
        }

        return rows;
    }
}

/// <summary>The same app behind a DevHost with App Service Authentication off (no <c>WEBSITE_AUTH_ENABLED</c>, headers pass through).</summary>
public sealed class PeopleHostWithoutAuthFixture : PeopleHostFixture
{
    protected override bool AuthEmulation => false;
}
