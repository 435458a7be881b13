using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Chat.Gemini.Federation;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Health;

/// <summary>Reads the registry's snapshot, the chat's token status and every feature's <see cref="IHealthProblems"/> into the health report.</summary>
internal sealed class HealthReporter(ModelRegistry registry, IOptions<GeminiOptions> gemini, VertexTokenStatus vertexToken, IEnumerable<IHealthProblems> features)
{
    public HealthReport Report()
    {
        var models = new Dictionary<string, ModelHealth>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var state in registry.Snapshot())
        {
            models[state.Disease] = new ModelHealth(
                state.Loaded,
                state.Entry?.Version,
                state.Entry?.Sha256,
                state.LoadedAtUtc,
                state.LoadMilliseconds is { } milliseconds ? Math.Round(milliseconds, 1) : null,
                state.Refused is { } refused ? new RefusedHealth(refused.Version, refused.Reason) : null,
                state.LastRefreshUtc);
            if (state.Refused is { } refusal)
            {
                problems.Add($"{state.Disease}: {(refusal.Version is { } version ? "version " + version + " " : string.Empty)}refused: {refusal.Reason}");
            }
        }

        if (registry.UnknownManifestDiseases is { Count: > 0 } unknown)
        {
            problems.Add($"the manifest names diseases this app does not serve (ignored): {string.Join(", ", unknown)}");
        }

        var chat = Chat(problems);
        problems.AddRange(features.SelectMany(feature => feature.Problems()));
        return new HealthReport(problems.Count == 0 ? "ok" : "degraded", models, chat, problems);
    }

    private ChatHealth Chat(List<string> problems)
    {
        var route = GeminiRoute.From(gemini.Value);
        if (route != GeminiRoute.ManagedIdentity || vertexToken.Snapshot() is not { } token)
        {
            return new ChatHealth(gemini.Value.IsConfigured, route);
        }

        if (token.Succeeded == false)
        {
            problems.Add($"chat: the last Google token exchange failed: {token.Reason}");
        }

        if (token.VertexRefusal is { } refusal)
        {
            problems.Add($"chat: {refusal}");
        }

        return new ChatHealth(true, route, new ChatTokenHealth(token.Exchanges, token.Succeeded, token.AtUtc, token.ExpiresUtc, token.Reason, token.VertexRefusal));
    }
}
