namespace HealthOracle.Functions.Models;

/// <summary>Why a disease's model cannot be served right now.</summary>
internal enum ModelUnavailableReason
{
    NotConfigured,
    StorageUnreachable,
    ManifestMissing,
    ManifestInvalid,
    NotInManifest,
    BlobMissing,
    HashMismatch,
    InputsMismatch,
    OutputMismatch,
    Corrupt,
    StillLoading,
}

/// <summary>
/// A model could not be loaded or verified. The caller answers 503 with <c>Retry-After</c>; nothing is
/// cached, so the next call tries again.
/// </summary>
internal sealed class ModelUnavailableException(string disease, ModelUnavailableReason reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Disease { get; } = disease;

    public ModelUnavailableReason Reason { get; } = reason;

    /// <summary>The reason in words, for problem details and health (never contains health data).</summary>
    public string ReasonText => Describe(Reason);

    public static string Describe(ModelUnavailableReason reason) => reason switch
    {
        ModelUnavailableReason.NotConfigured => "the model store is not configured (set ModelStorage)",
        ModelUnavailableReason.StorageUnreachable => "the model store is unreachable",
        ModelUnavailableReason.ManifestMissing => "the model manifest is missing",
        ModelUnavailableReason.ManifestInvalid => "the model manifest is not valid",
        ModelUnavailableReason.NotInManifest => "the manifest has no model for this disease",
        ModelUnavailableReason.BlobMissing => "the model file is missing from the store",
        ModelUnavailableReason.HashMismatch => "the model file does not match its SHA-256",
        ModelUnavailableReason.InputsMismatch => "the model's inputs do not match the disease's fields",
        ModelUnavailableReason.OutputMismatch => "the model's output does not match the manifest",
        ModelUnavailableReason.StillLoading => "the model is still loading (the model store is slow to answer)",
        _ => "the model file is corrupt",
    };
}
