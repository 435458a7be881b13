namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// A feature's own problems that an operator should fix, which <c>GET /api/health</c> lists (and then says
/// <c>degraded</c>). A feature registers one; Health never names the feature, and the feature never names Health
/// (the interface lives here, below both).
/// </summary>
internal interface IHealthProblems
{
    /// <summary>What is wrong right now, each a sentence naming the setting or resource to fix; empty when nothing is.</summary>
    IEnumerable<string> Problems();
}
