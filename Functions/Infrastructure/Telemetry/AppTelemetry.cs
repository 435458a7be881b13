using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HealthOracle.Functions.Infrastructure.Telemetry;

/// <summary>
/// The app's own OpenTelemetry instruments, all of them, in one place: one <see cref="ActivitySource"/> and one
/// <see cref="Meter"/>, both named <see cref="Name"/>. Features record through their own small helpers
/// (<c>PredictionTelemetry</c>, <c>ModelLoadTelemetry</c>, <c>ChatTelemetryClient</c>); nothing else creates an
/// instrument. The names and attribute values are a contract with infra/app (alerts, workbook): change them there too.
/// </summary>
/// <remarks>
/// Static, not injected: with no exporter configured nothing listens, so every recording is a cheap no-op and no
/// feature's constructor had to change. Attributes are low-cardinality by construction: a disease key from the
/// catalog, an enum's name or a constant of this class, never a value that came in a request.
/// </remarks>
internal static class AppTelemetry
{
    public const string Name = "HealthOracle.Functions";

    private static readonly string? Version = typeof(AppTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>Attribute names, shared by spans and metrics.</summary>
    public static class Attributes
    {
        public const string Disease = "disease";
        public const string Category = "category";
        public const string Outcome = "outcome";
        public const string Reason = "reason";
        public const string Limit = "limit";
        public const string TokenType = "type";
        public const string Function = "function";
        public const string Patients = "patients";
        public const string ModelVersion = "model.version";
    }

    /// <summary>Patients scored, by disease and risk category (one per patient, so a batch of 40 adds 40).</summary>
    public static readonly Counter<long> Predictions = Meter.CreateCounter<long>(
        "healthoracle.predictions", "{prediction}", "Patients scored, by disease and risk category.");

    /// <summary>Patients per scoring call: 1 for a single patient, up to 1,000 for a batch.</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram(
        "healthoracle.batch.size", "{patient}", "Patients scored in one call.", tags: null,
        new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });

    /// <summary>A model load (first load or candidate) in milliseconds, by disease, outcome and reason.</summary>
    public static readonly Histogram<double> ModelLoadDuration = Meter.CreateHistogram<double>(
        "healthoracle.model.load.duration", "ms", "Model loads: manifest, download, checks and session, by disease and outcome (loaded, refused, failed).");

    /// <summary>A new model version swapped in for the served one.</summary>
    public static readonly Counter<long> ModelSwaps = Meter.CreateCounter<long>(
        "healthoracle.model.swaps", "{swap}", "New model versions swapped in beside the served one, by disease.");

    /// <summary>Chat and suggestion requests, by outcome (values for Gemini's failures start with <c>upstream</c>).</summary>
    public static readonly Counter<long> ChatRequests = Meter.CreateCounter<long>(
        "healthoracle.chat.requests", "{request}", "Chat and suggestion requests by outcome.");

    /// <summary>Gemini tokens, by type (input, output).</summary>
    public static readonly Counter<long> ChatTokens = Meter.CreateCounter<long>(
        "healthoracle.chat.tokens", "{token}", "Gemini tokens used, by type (input, output).");

    /// <summary>Requests refused by a rate limit, by limit (chat, site).</summary>
    public static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(
        "healthoracle.ratelimit.rejections", "{request}", "Requests refused with 429 by the app's own rate limits, by limit.");

    /// <summary>From the worker process's start to its first invocation, in milliseconds; once per instance.</summary>
    public static readonly Histogram<double> ColdStartDuration = Meter.CreateHistogram<double>(
        "healthoracle.coldstart.duration", "ms", "Worker process start to its first invocation.");

    /// <summary>
    /// 1 per instance while its API gateway is required but its key is not configured, with the <c>reason</c>;
    /// nothing at all otherwise (so an alert fires on any row). The gateway tells it what to observe at start.
    /// </summary>
    public static readonly ObservableGauge<int> GatewayNotConfigured = Meter.CreateObservableGauge(
        "healthoracle.gateway.unconfigured", ObserveGateway, "{instance}", "1 while the API gateway is required but its key is not configured on this instance, by reason.");

    private static Func<string?> gatewayNotConfiguredReason = () => null;

    /// <summary>Sets what <see cref="GatewayNotConfigured"/> reports: the reason it is not configured, or null when it is.</summary>
    public static void ObserveGatewayNotConfigured(Func<string?> reason) => gatewayNotConfiguredReason = reason;

    private static IEnumerable<Measurement<int>> ObserveGateway() =>
        gatewayNotConfiguredReason() is { } reason ? [new Measurement<int>(1, new KeyValuePair<string, object?>(Attributes.Reason, reason))] : [];

    /// <summary>The app's rate limits, as the <c>limit</c> attribute names them.</summary>
    public static class Limits
    {
        public const string Chat = "chat";
        public const string Site = "site";
    }

    /// <summary>Counts one request refused by <paramref name="limit"/> (one of <see cref="Limits"/>).</summary>
    public static void RateLimitRejected(string limit) =>
        RateLimitRejections.Add(1, new KeyValuePair<string, object?>(Attributes.Limit, limit));
}
