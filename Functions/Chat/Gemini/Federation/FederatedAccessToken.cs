using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;
using Google.Apis.Util;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat.Gemini.Federation;

/// <summary>
/// Vertex AI's token from the Function App's managed identity by workload identity federation, with no Google
/// secret anywhere. Google.Apis.Auth's <see cref="ProgrammaticExternalAccountCredential"/> does the exchange (STS
/// <c>token-exchange</c> grant, then IAM Credentials <c>generateAccessToken</c> when a service account is set),
/// caches the token, and refreshes it in the background when a chat comes in its last 3 min 45 s (a chat waits
/// for an exchange only when none came then, in the token's last minute or after it expired). This class supplies the subject token, bounds the wait, and turns failures into
/// <see cref="VertexCredentialException"/>s an operator can act on, recorded for GET /api/health.
/// </summary>
internal sealed class FederatedAccessToken : IVertexAccessToken
{
    /// <summary>The named HttpClient whose handlers (retries with backoff) carry the STS and IAM Credentials calls.</summary>
    public const string HttpClientName = "GoogleFederation";

    private readonly ProgrammaticExternalAccountCredential _credential;
    private readonly FederationSettings _settings;
    private readonly FederationSteps _steps;
    private readonly VertexTokenStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private TokenResponse? _seen;

    private FederatedAccessToken(
        ProgrammaticExternalAccountCredential credential, FederationSettings settings, FederationSteps steps, VertexTokenStatus status, TimeProvider time, ILogger logger) =>
        (_credential, _settings, _steps, _status, _time, _logger) = (credential, settings, steps, status, time, logger);

    public static FederatedAccessToken Create(
        FederationSettings settings, IHttpMessageHandlerFactory handlers, VertexTokenStatus status, TimeProvider time, ILogger logger)
    {
        var steps = new FederationSteps();
        var subject = new ManagedIdentitySubjectToken(ManagedIdentitySubjectToken.CreateIdentity(settings), settings, steps, status);
        var initializer = new ProgrammaticExternalAccountCredential.Initializer(settings.TokenUrl, settings.StsAudience, FederationSettings.SubjectTokenType, subject)
        {
            ServiceAccountImpersonationUrl = settings.ImpersonationUrl,
            Scopes = [GoogleCredentialAccessToken.CloudPlatformScope],
            Clock = new TimeProviderClock(time),
            // Transient failures are retried by GetAsync (the whole exchange, with backoff and jitter), not by the library.
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
            HttpClientFactory = new HttpClientFromMessageHandlerFactory(_ => new HttpClientFromMessageHandlerFactory.ConfiguredHttpMessageHandler(
                new GoogleAuthStepHandler(steps) { InnerHandler = handlers.CreateHandler(HttpClientName) }, false, false)),
        };
        return new FederatedAccessToken(new ProgrammaticExternalAccountCredential(initializer), settings, steps, status, time, logger);
    }

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_settings.Wait);
        for (var attempt = 0; ; attempt++)
        {
            VertexCredentialException failure;
            try
            {
                var token = await _credential.GetAccessTokenForRequestAsync(cancellationToken: wait.Token);
                NoteExchange();
                return token;
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Failed(FederationReasons.TimedOut(_steps.Current, _settings.Wait));
            }
            catch (VertexCredentialException exception)
            {
                failure = exception;
            }
            catch (SubjectTokenException wrapped) when (wrapped.InnerException is VertexCredentialException exception)
            {
                // The library wraps what the subject token provider threw.
                failure = exception;
            }
            catch (Exception exception) when (exception is TokenResponseException or HttpRequestException or InvalidOperationException)
            {
                failure = FederationReasons.Google(exception, _steps.LastFailure, _settings);
            }

            // A refusal is final; a transient failure (no answer, 408, 429, 5xx) is retried with backoff, the whole
            // exchange again (the library builds new requests; Azure.Identity keeps the managed identity's token).
            if (!failure.Transient || attempt >= _settings.MaxRetries)
            {
                throw Failed(failure);
            }

            var delay = Backoff(attempt);
            FederationLog.ExchangeRetried(_logger, _steps.LastFailure?.Step ?? _steps.Current, _steps.LastFailure?.Status, attempt + 1, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, wait.Token);
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Failed(failure);
            }
        }
    }

    // 0.5 s, 1 s, 2 s, … at most 4 s, each ±20 % so that instances do not retry in step.
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(4000, 500 * Math.Pow(2, attempt)) * (0.8 + (0.4 * Random.Shared.NextDouble())));

    public void Invalidate()
    {
        // The next call exchanges again instead of handing out the token Vertex AI refused.
        Volatile.Write(ref _seen, null);
        _credential.Token = null;
    }

    // The library swaps its token object on each exchange: a new one is an exchange that worked.
    private void NoteExchange()
    {
        var token = _credential.Token;
        if (token is null || ReferenceEquals(Interlocked.Exchange(ref _seen, token), token))
        {
            return;
        }

        DateTimeOffset? expires = token.ExpiresInSeconds is { } seconds ? new DateTimeOffset(token.IssuedUtc, TimeSpan.Zero).AddSeconds(seconds) : null;
        _status.Succeeded(_time.GetUtcNow(), expires);
        FederationLog.Exchanged(_logger, _status.Exchanges, expires);
    }

    private VertexCredentialException Failed(VertexCredentialException exception)
    {
        var failure = _steps.LastFailure;
        _status.Failed(_time.GetUtcNow(), exception.Reason);
        FederationLog.ExchangeFailed(_logger, failure?.Step ?? _steps.Current, failure?.Status, failure?.Code, exception.Transient, exception.Reason);
        return exception;
    }

    /// <summary>Google.Apis.Auth's clock from the app's <see cref="TimeProvider"/> (tests move it to a token's expiry).</summary>
    private sealed class TimeProviderClock(TimeProvider time) : IClock
    {
        public DateTime Now => time.GetLocalNow().DateTime;

        public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    }
}
