using System.Diagnostics;
using HealthOracle.Functions.Infrastructure.Telemetry;

namespace HealthOracle.Functions.Models;

/// <summary>
/// One model load's span (<c>model.load {disease}</c>) and its <c>healthoracle.model.load.duration</c> point, by
/// disease, outcome and reason; and <c>healthoracle.model.swaps</c>. See <see cref="OutcomeOf"/> for what is
/// refused and what failed.
/// </summary>
internal sealed class ModelLoadTelemetry : IDisposable
{
    public const string Loaded = "loaded";
    public const string Refused = "refused";
    public const string Failed = "failed";

    private readonly string _disease;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;

    private ModelLoadTelemetry(string disease, bool candidate)
    {
        _disease = disease;
        _activity = AppTelemetry.Source.StartActivity($"model.load {disease}");
        _activity?.SetTag(AppTelemetry.Attributes.Disease, disease);
        _activity?.SetTag("candidate", candidate);
    }

    /// <summary>Starts timing a first load (<paramref name="candidate"/> false) or a candidate loaded beside the served model.</summary>
    public static ModelLoadTelemetry Start(string disease, bool candidate) => new(disease, candidate);

    /// <summary>
    /// <c>failed</c> when nothing could be judged (the store is not configured or unreachable, or holds no manifest);
    /// <c>refused</c> when what the store holds was judged unusable (a manifest that is invalid or names no model for
    /// the disease, a missing blob, a SHA-256, input or output mismatch, a model ONNX Runtime cannot load): a
    /// publishing error that needs a person, which is what the "model refused" alert is for.
    /// </summary>
    public static string OutcomeOf(ModelUnavailableReason reason) => reason
        is ModelUnavailableReason.NotConfigured or ModelUnavailableReason.StorageUnreachable or ModelUnavailableReason.ManifestMissing
        ? Failed
        : Refused;

    public void Succeeded(string version)
    {
        _activity?.SetTag(AppTelemetry.Attributes.ModelVersion, version);
        Record(Loaded, reason: null);
    }

    public void Unavailable(ModelUnavailableReason reason)
    {
        _activity?.SetStatus(ActivityStatusCode.Error, reason.ToString());
        Record(OutcomeOf(reason), reason.ToString());
    }

    /// <summary>Counts a candidate that replaced a served model.</summary>
    public static void Swapped(string disease) =>
        AppTelemetry.ModelSwaps.Add(1, new KeyValuePair<string, object?>(AppTelemetry.Attributes.Disease, disease));

    public void Dispose() => _activity?.Dispose();

    private void Record(string outcome, string? reason)
    {
        _activity?.SetTag(AppTelemetry.Attributes.Outcome, outcome);
        _activity?.SetTag(AppTelemetry.Attributes.Reason, reason);
        var tags = new TagList
        {
            { AppTelemetry.Attributes.Disease, _disease },
            { AppTelemetry.Attributes.Outcome, outcome },
        };
        if (reason is not null)
        {
            tags.Add(AppTelemetry.Attributes.Reason, reason);
        }

        AppTelemetry.ModelLoadDuration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, tags);
    }
}
