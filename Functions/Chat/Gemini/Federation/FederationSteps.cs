namespace HealthOracle.Functions.Chat.Gemini.Federation;

/// <summary>The three calls of one token exchange, in order.</summary>
internal enum FederationStep
{
    /// <summary>The Function App's managed identity endpoint (<c>IDENTITY_ENDPOINT</c>): an Entra ID token for the provider's audience.</summary>
    ManagedIdentity,

    /// <summary>Google's Security Token Service: that token for a federated Google token.</summary>
    Sts,

    /// <summary>IAM Credentials <c>generateAccessToken</c>: the federated token for a service account's (when one is set).</summary>
    IamCredentials,
}

/// <summary>How one step of an exchange failed: its HTTP status (none when it could not be reached) and Google's error code.</summary>
internal sealed record StepFailure(FederationStep Step, int? Status, string? Code);

/// <summary>
/// Where the exchange in progress is, and how its last step failed, so that a failure reported by Google.Apis.Auth
/// (which says neither) can be told to an operator. Exchanges run one at a time (the library's refresh is single-flight).
/// </summary>
internal sealed class FederationSteps
{
    private StepFailure? _failure;
    private int _current;

    public FederationStep Current => (FederationStep)Volatile.Read(ref _current);

    public StepFailure? LastFailure => Volatile.Read(ref _failure);

    /// <summary>A new exchange: nothing has failed in it yet.</summary>
    public void Began()
    {
        Volatile.Write(ref _failure, null);
        Enter(FederationStep.ManagedIdentity);
    }

    public void Enter(FederationStep step) => Volatile.Write(ref _current, (int)step);

    public void Failed(FederationStep step, int? status, string? code) => Volatile.Write(ref _failure, new StepFailure(step, status, code));
}
