using System.Net.Http.Headers;
using HealthOracle.Diseases;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Fhir.CdsHooks;

/// <summary>
/// Reads what a hook call did not prefetch from the EHR's FHIR server, with the bearer token the call carried: the
/// patient and the observations the service's prefetch template names. Only below the <c>fhirServer</c> URL given;
/// redirects are never followed (a redirect anywhere is a failed read); one deadline for both reads; bodies bounded.
/// </summary>
internal sealed partial class FhirServerClient(HttpClient http, IOptions<FhirOptions> options, ILogger<FhirServerClient> logger)
{
    public const string HttpClientName = "cds-fhir-server";

    private const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The patient and their observations as resources, or null when the server could not be read.</summary>
    public async Task<IReadOnlyList<(Resource Resource, string? FullUrl)>?> ReadAsync(DiseaseDefinition disease, CdsRequest request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.Value.FhirServerTimeoutSeconds));
        var server = request.FhirServer!.AbsoluteUri.TrimEnd('/') + "/";
        try
        {
            if (await GetAsync(server, "Patient/" + request.PatientId, request.AccessToken, deadline.Token) is not { } patient)
            {
                return null;
            }

            var observations = await GetAsync(server, CdsDiscovery.ObservationQuery(disease, request.PatientId), request.AccessToken, deadline.Token);
            return observations is null ? null : [(patient, null), (observations, null)];
        }
        catch (Exception e) when (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(logger, disease.Key, options.Value.FhirServerTimeoutSeconds);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or Hl7.Fhir.Serialization.DeserializationFailedException or System.Text.Json.JsonException)
        {
            Log.Failed(logger, disease.Key, e.GetType().Name);
            return null;
        }
    }

    private async Task<Resource?> GetAsync(string server, string relative, string? token, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(server), relative);
        if (!uri.AbsoluteUri.StartsWith(server, StringComparison.Ordinal))
        {
            return null;
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson.MediaType));
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // 3xx included: the handler does not follow redirects, so a redirect to another host is never read.
            Log.Refused(logger, (int)response.StatusCode);
            return null;
        }

        if (response.Content.Headers.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return FhirJson.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8011, Level = LogLevel.Warning, Message = "CDS Hooks {Disease}: the EHR's FHIR server did not answer within {Seconds} s")]
        public static partial void TimedOut(ILogger logger, string disease, int seconds);

        [LoggerMessage(EventId = 8012, Level = LogLevel.Warning, Message = "CDS Hooks {Disease}: the EHR's FHIR server could not be read ({Error})")]
        public static partial void Failed(ILogger logger, string disease, string error);

        [LoggerMessage(EventId = 8013, Level = LogLevel.Warning, Message = "CDS Hooks: the EHR's FHIR server answered {Status}")]
        public static partial void Refused(ILogger logger, int status);
    }
}
