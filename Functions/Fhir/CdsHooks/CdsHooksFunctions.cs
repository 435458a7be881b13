using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Fhir.CdsHooks;

/// <summary>
/// <c>GET /api/cds-services</c>: the discovery document (CDS Hooks 2.0). Made from the definitions alone, without the
/// FHIR library. Every CDS Hooks answer allows any origin (the specification asks services to support CORS for
/// browser-based EHRs and sandboxes); a preflight is answered by the host or, in Azure, by API Management's CDS Hooks product.
/// </summary>
internal sealed class CdsDiscoveryFunction
{
    public const string Name = "CdsDiscovery";

    [Function(Name)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cds-services")] HttpRequest request)
    {
        CdsCors.Allow(request.HttpContext.Response);
        return TypedResults.Json(CdsDiscovery.Services, CdsJsonContext.Default.CdsServices);
    }
}

/// <summary>
/// <c>POST /api/cds-services/{id}</c>: a <c>patient-view</c> call for one disease → its cards. Bad calls are 400, a
/// record that cannot be had is 412 (as the specification says), a record without what the model needs is a card
/// saying what is missing; never a 500 for what an EHR sends.
/// </summary>
internal sealed partial class CdsServiceFunction(IServiceProvider services, ILogger<CdsServiceFunction> logger)
{
    public const string Name = "CdsService";

    private static readonly BodyRules Rules = new(2 * 1024 * 1024, 0, "Send a CDS Hooks request (application/json).", ProblemTypes.InvalidHookCall);

    [Function(Name)]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cds-services/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        CdsCors.Allow(request.HttpContext.Response);
        if (!DiseaseCatalog.TryGet(id, out var disease))
        {
            return Problems.NotFound($"There is no CDS service '{JsonText.Echo(id)}'. Services: {string.Join(", ", DiseaseCatalog.Keys)} (GET /api/cds-services).");
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(request, Rules, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        CdsRequest? call;
        string? invalid;
        using (body)
        {
            try
            {
                using var document = JsonDocument.Parse(body!.Json.ToArray(), new JsonDocumentOptions { MaxDepth = 128 });
                (call, invalid) = CdsRequest.Read(document.RootElement.Clone());
            }
            catch (JsonException)
            {
                return Problems.Malformed("The body is not JSON.");
            }
        }

        if (invalid is not null)
        {
            return Problems.Status(ProblemTypes.InvalidHookCall, invalid);
        }

        // Resolved here, on the first hook call: the FHIR library loads with it, never at the worker's start.
        var answer = await services.GetRequiredService<CdsHooksService>().AnswerAsync(disease, call!, cancellationToken);
        Log.Answered(logger, disease.Key, answer.Response?.Cards.Count ?? 0, answer.PreconditionFailed is not null);
        return answer.Response is { } response
            ? TypedResults.Json(response, CdsJsonContext.Default.CdsResponse)
            : Problems.Status(ProblemTypes.RecordUnavailable, answer.PreconditionFailed!);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8021, Level = LogLevel.Information, Message = "CDS Hooks {Disease}: {Cards} card(s); record unavailable {Unavailable}")]
        public static partial void Answered(ILogger logger, string disease, int cards, bool unavailable);
    }
}

/// <summary>
/// The CORS headers the CDS Hooks specification asks a service to send on its answers: any origin, its methods and
/// headers. The preflight (OPTIONS) never reaches the worker: the host answers it (DevHost's <c>Host.CORS</c>), and in
/// Azure API Management's CDS Hooks product answers it for any origin (infra/app/apim-policies/cds-hooks.xml).
/// </summary>
internal static class CdsCors
{
    public static void Allow(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
        response.Headers.AccessControlAllowHeaders = "Content-Type, Authorization";
        response.Headers.AccessControlExposeHeaders = "Retry-After";
    }
}
