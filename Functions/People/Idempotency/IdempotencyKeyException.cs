using HealthOracle.Functions.Infrastructure;

namespace HealthOracle.Functions.People.Idempotency;

/// <summary>A save refused because of its <c>Idempotency-Key</c>: still being answered (409) or first used for another request (422).</summary>
internal sealed class IdempotencyKeyException(ProblemType type) : Exception(type.Title)
{
    public ProblemType Type { get; } = type;

    public Problem ToProblem(int retryAfterSeconds) => Type == ProblemTypes.IdempotencyKeyInUse
        ? Problems.Status(Type, "A request with this Idempotency-Key is still being answered. Nothing was done for this one; wait for the first answer, or retry with the same key and body.",
            retryAfterSeconds)
        : Problems.Status(Type, "This Idempotency-Key was used for a different request within its 24 hours. Nothing was done; use a new key for a new request.");
}

/// <summary>
/// How long a save's <c>Idempotency-Key</c> is kept (24 hours from its first use: a retry within it answers the saved
/// prediction) and how long a request may hold it unanswered before a retry may take it over (the app's function
/// timeout is one minute; two are allowed).
/// </summary>
internal static class IdempotencyWindow
{
    public static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    public static readonly TimeSpan InFlight = TimeSpan.FromMinutes(2);

    /// <summary>The <c>Retry-After</c> of a 409: a prediction takes well under a second; a first model load a few.</summary>
    public const int RetryAfterSeconds = 2;
}
