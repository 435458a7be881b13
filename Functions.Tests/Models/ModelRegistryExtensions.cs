using HealthOracle.Functions.Models;

namespace HealthOracle.Functions.Tests.Models;

internal static class ModelRegistryExtensions
{
    /// <summary>The disease's served model (loading it if none is), for tests that watch a session's life.</summary>
    public static async Task<LoadedModel> CurrentAsync(this ModelRegistry registry, string disease)
    {
        using var lease = await registry.AcquireAsync(disease, CancellationToken.None);
        return lease.Model;
    }
}
