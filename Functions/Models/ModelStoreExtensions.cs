using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using HealthOracle.Functions.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Models;

internal static class ModelStoreExtensions
{
    /// <summary>The model store's configuration section (<c>ModelStorage</c>): the connection and the options.</summary>
    public const string ConnectionSection = "ModelStorage";

    public static IServiceCollection AddModelStore(this IServiceCollection services)
    {
        services.AddOptions<ModelStoreOptions>().BindConfiguration(ModelStoreOptions.Section);
        services.AddSingleton<IProblemMapper, ModelProblems>();

        // One BlobServiceClient for the app: a connection string locally (Azurite), or the blob service
        // URI with managed identity in Azure; no secret in code.
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(provider => AzureCredentials.FromSection(provider.GetRequiredService<IConfiguration>().GetSection(ConnectionSection)));
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, provider) =>
                CreateClient(provider.GetRequiredService<IConfiguration>().GetSection(ConnectionSection), options, credential));
        });

        services.AddSingleton<IModelStore>(provider =>
            new ModelStore(provider.GetRequiredService<BlobServiceClient>, provider.GetRequiredService<IOptions<ModelStoreOptions>>()));
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<OnnxRuntimeStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<OnnxRuntimeStartup>());
        return services;
    }

    internal static BlobServiceClient CreateClient(IConfigurationSection section, BlobClientOptions options, TokenCredential credential)
    {
        // A cold caller is waiting: fail over to a 503 + Retry-After quickly rather than retrying for long.
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);

        if (section.Value is { Length: > 0 } connectionString)
        {
            return new BlobServiceClient(connectionString, options);
        }

        if (section["serviceUri"] is { Length: > 0 } serviceUri)
        {
            return new BlobServiceClient(new Uri(serviceUri), credential, options);
        }

        throw new InvalidOperationException($"Set '{ConnectionSection}' to a connection string or '{ConnectionSection}__serviceUri' to the blob service URI.");
    }
}
