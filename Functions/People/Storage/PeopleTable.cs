using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using HealthOracle.Functions.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.People.Storage;

/// <summary>
/// The people table's client, built on first use (nothing is read at start-up), and the table created once
/// per instance; a failed creation is not remembered, so the next call tries again.
/// </summary>
internal sealed class PeopleTable(IConfiguration configuration, IOptions<PeopleOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TableClient? _ready;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _ready) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready is not null)
            {
                return _ready;
            }

            var client = CreateClient(configuration.GetSection(PeopleOptions.Section), options.Value);
            await PeopleStore.GuardAsync(() => client.CreateIfNotExistsAsync(cancellationToken), cancellationToken);
            Volatile.Write(ref _ready, client);
            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static TableClient CreateClient(IConfigurationSection section, PeopleOptions options)
    {
        var table = options.Table;
        // A person is waiting on every call (a prediction waits for its save): fail fast and say so.
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 1;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(Math.Max(1, options.NetworkTimeoutSeconds));

        if (section.Value is { Length: > 0 } connectionString)
        {
            return new TableClient(connectionString, table, clientOptions);
        }

        if (section["connectionString"] is { Length: > 0 } nested)
        {
            return new TableClient(nested, table, clientOptions);
        }

        if (section["serviceUri"] is { Length: > 0 } serviceUri)
        {
            return new TableServiceClient(new Uri(serviceUri), AzureCredentials.FromSection(section), clientOptions).GetTableClient(table);
        }

        throw new PeopleStoreUnavailableException(PeopleStoreFailure.NotConfigured);
    }
}
