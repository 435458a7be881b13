namespace HealthOracle.DevHost.Http;

/// <summary>
/// Retries a forwarded request whose connection to the worker could not be made, as the Functions
/// host's proxy does: a worker that has just (re)started can answer the gRPC handshake before its
/// Kestrel listens. Only a failed connect is retried, so the request was never sent and its body never
/// read; any other failure goes straight back to the caller. Up to 10 retries, 50 ms apart doubling to 250 ms.
/// </summary>
internal sealed partial class WorkerConnectRetryHandler(HttpMessageHandler inner, ILogger<WorkerConnectRetryHandler> logger) : DelegatingHandler(inner)
{
    public const int MaxRetries = 10;

    private static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaximumDelay = TimeSpan.FromMilliseconds(250);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var delay = InitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && attempt <= MaxRetries)
            {
                LogRetry(logger, request.RequestUri?.Authority, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaximumDelay.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 14, Level = LogLevel.Debug, Message = "The worker at {Authority} refused the connection (attempt {Attempt}); retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string? authority, int attempt, double delayMs);
}
