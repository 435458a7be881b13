namespace HealthOracle.Functions.People.Storage;

/// <summary>
/// Where people's data lives: the <c>PeopleStorage</c> section, whose own value is a connection string
/// (Azurite locally) or whose <c>serviceUri</c> is the table endpoint reached with a managed identity
/// (<c>credential</c> = <c>managedidentity</c>, <c>clientId</c>), as infra/README.md sets it in Azure.
/// </summary>
internal sealed class PeopleOptions
{
    public const string Section = "PeopleStorage";

    /// <summary>The one table holding profiles, saved predictions and saved suggestions; created on first use.</summary>
    public string Table { get; set; } = "people";

    /// <summary>The <c>Retry-After</c> of a 503 when the table cannot be reached.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// How long one call to the table may take before the store says it is unavailable (one retry follows). A person is
    /// waiting on every call (a prediction waits for its save), so it is short; the test suite, run on a saturated
    /// machine, sets it long.
    /// </summary>
    public int NetworkTimeoutSeconds { get; set; } = 5;
}
