using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthOracle.Functions.Fhir.CdsHooks;

/// <summary>
/// A hook call, as far as a service reads it (CDS Hooks 2.0 §HTTP Request): the hook and its instance, the patient
/// in context, the prefetched resources (raw JSON, parsed later with the FHIR library), and where the EHR's FHIR
/// server is with the token to read it.
/// </summary>
internal sealed partial record CdsRequest(string Hook, string HookInstance, string PatientId)
{
    public JsonElement? PrefetchPatient { get; init; }

    public JsonElement? PrefetchObservations { get; init; }

    public Uri? FhirServer { get; init; }

    public string? AccessToken { get; init; }

    /// <summary>Reads a hook call's JSON; a message naming the member when it is not one.</summary>
    public static (CdsRequest? Request, string? Problem) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a CDS Hooks request object.");
        }

        var hook = String(root, "hook");
        var instance = String(root, "hookInstance");
        var patientId = root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object ? String(context, "patientId") : null;
        if (hook is null || instance is null)
        {
            return (null, "hook and hookInstance are required.");
        }

        if (hook != CdsDiscovery.Hook)
        {
            return (null, $"This service answers the {CdsDiscovery.Hook} hook only.");
        }

        if (patientId is null || !FhirId().IsMatch(patientId))
        {
            return (null, "context.patientId is required and must be a FHIR id (letters, digits, '-' and '.', at most 64).");
        }

        var request = new CdsRequest(hook, instance, patientId);
        if (root.TryGetProperty("prefetch", out var prefetch) && prefetch.ValueKind == JsonValueKind.Object)
        {
            request = request with
            {
                PrefetchPatient = Resource(prefetch, "patient"),
                PrefetchObservations = Resource(prefetch, "observations"),
            };
        }

        if (String(root, "fhirServer") is { } server)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            {
                return (null, "fhirServer must be an absolute https URL.");
            }

            var token = root.TryGetProperty("fhirAuthorization", out var authorization) && authorization.ValueKind == JsonValueKind.Object
                ? String(authorization, "access_token")
                : null;
            request = request with { FhirServer = uri, AccessToken = token };
        }

        return (request, null);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static JsonElement? Resource(JsonElement prefetch, string name) =>
        prefetch.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex FhirId();
}
