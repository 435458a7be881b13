using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Gateway;

/// <summary>
/// What the gateway settings mean, decided once: no gateway at all, a gateway whose key is known, or a gateway
/// that is required but whose key is not a real key. The last is the case that must fail closed: when App
/// Service cannot resolve a Key Vault reference it hands the app the reference's own text
/// (<c>@Microsoft.KeyVault(SecretUri=https://kv-&lt;token&gt;…)</c>), and <c>&lt;token&gt;</c> is visible in the
/// app's public host name, so that text must never become a key anyone could send.
/// </summary>
internal sealed class GatewayKeys
{
    /// <summary>The shortest value taken as a key. The deployment generates a 36-character GUID.</summary>
    public const int MinimumLength = 32;

    private const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    private readonly byte[][] _accepted;

    public GatewayKeys(IOptions<GatewayOptions> options)
    {
        var value = options.Value;
        Required = value.Required || !string.IsNullOrEmpty(value.Key);
        var key = Check(value.Key);
        var previous = Check(value.PreviousKey);
        _accepted = new[] { key, previous }
            .Where(check => check.Problem is null)
            .Select(check => Encoding.UTF8.GetBytes(check.Value!))
            .ToArray();
        if (Required && key.Problem is { } keyProblem)
        {
            Problem = $"{GatewayOptions.Section}__{nameof(GatewayOptions.Key)} {keyProblem}";
            Reason = key.Reason;
        }

        if (!string.IsNullOrEmpty(value.PreviousKey) && previous.Problem is { } previousProblem)
        {
            PreviousKeyProblem = $"{GatewayOptions.Section}__{nameof(GatewayOptions.PreviousKey)} {previousProblem}; it is not accepted";
        }
    }

    /// <summary>The reasons a configured key is not taken, as the <c>reason</c> attribute of the gateway's metric names them.</summary>
    public static class Reasons
    {
        public const string Empty = "empty";
        public const string UnresolvedReference = "unresolved-reference";
        public const string TooShort = "too-short";
    }

    /// <summary>Whether a gateway stands in front of the app (the paid routes are its).</summary>
    public bool Required { get; }

    /// <summary>Required, but <see cref="GatewayOptions.Key"/> is not a usable key: the paid routes are refused.</summary>
    public bool NotConfigured => Problem is not null;

    /// <summary>Why the gateway is not configured, for the operator (never the value itself); null when it is.</summary>
    public string? Problem { get; }

    /// <summary>One of <see cref="Reasons"/> when <see cref="NotConfigured"/>.</summary>
    public string? Reason { get; }

    /// <summary>A second key that is set but unusable (paid calls still work with the first); null otherwise.</summary>
    public string? PreviousKeyProblem { get; }

    /// <summary>Whether <paramref name="sent"/> is one of the accepted keys, compared in constant time.</summary>
    public bool Accepts(string? sent)
    {
        var bytes = Encoding.UTF8.GetBytes(sent ?? "");
        var match = false;
        foreach (var key in _accepted)
        {
            // Every key is compared, so the time taken does not say which one matched.
            match |= CryptographicOperations.FixedTimeEquals(bytes, key);
        }

        return match;
    }

    private static (string? Value, string? Problem, string? Reason) Check(string? value) => value switch
    {
        null or "" => (null, "is empty", Reasons.Empty),
        _ when value.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase) =>
            (null, "is an unresolved Key Vault reference (the app's identity cannot read the secret yet, or the secret is missing)", Reasons.UnresolvedReference),
        _ when value.Length < MinimumLength => (null, $"is shorter than {MinimumLength} characters", Reasons.TooShort),
        _ => (value, null, null),
    };
}
