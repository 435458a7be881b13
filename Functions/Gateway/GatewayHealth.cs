using HealthOracle.Functions.Infrastructure;

namespace HealthOracle.Functions.Gateway;

/// <summary>The gateway's side of <c>GET /api/health</c>: a required gateway whose key is not usable makes it <c>degraded</c>.</summary>
internal sealed class GatewayHealth(GatewayKeys keys) : IHealthProblems
{
    public IEnumerable<string> Problems()
    {
        if (keys.Problem is { } problem)
        {
            yield return $"gateway: required but not configured: {problem}; paid calls are answered 503 until it is fixed";
        }

        if (keys.PreviousKeyProblem is { } previous)
        {
            yield return $"gateway: {previous}";
        }
    }
}
