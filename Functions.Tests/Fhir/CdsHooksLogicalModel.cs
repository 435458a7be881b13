using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// A checker written from the CDS Hooks logical models (TestData/cds-hooks, HL7/cds-hooks at fb10ca7): every element's
/// cardinality and JSON type, the required value sets (indicator, selectionBehavior, link type, action type), the
/// summary's 140 characters and the invariants cds-resp-1/2/3/5/6 and cds-r-1. Extensions (CDSHooksElement.extension)
/// are an object wherever present. Returns the violations as paths.
/// </summary>
internal static partial class CdsHooksLogicalModel
{
    /// <summary>CDSHooksServices.fsh.</summary>
    public static IReadOnlyList<string> Services(JsonElement root)
    {
        var errors = new List<string>();
        Object(root, "", errors);
        foreach (var (service, path) in Array(root, "services", "", errors, present: true))
        {
            String(service, "hook", path, errors, required: true);
            String(service, "title", path, errors, required: false);
            String(service, "description", path, errors, required: true);
            String(service, "id", path, errors, required: true);
            String(service, "usageRequirements", path, errors, required: false);
            if (service.TryGetProperty("prefetch", out var prefetch))
            {
                if (prefetch.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(path + ".prefetch: must be an object of key/query pairs");
                }
                else
                {
                    foreach (var pair in prefetch.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.String))
                    {
                        errors.Add($"{path}.prefetch.{pair.Name}: must be a string (a FHIR query template)");
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>CDSHooksRequest.fsh with CDSHookPatientViewContext (context.userId, context.patientId).</summary>
    public static IReadOnlyList<string> Request(JsonElement root)
    {
        var errors = new List<string>();
        String(root, "hook", "", errors, required: true);
        if (String(root, "hookInstance", "", errors, required: true) is { } instance && !Uuid().IsMatch(instance))
        {
            errors.Add("hookInstance: must be a uuid");
        }

        var server = String(root, "fhirServer", "", errors, required: false);
        if (root.TryGetProperty("fhirAuthorization", out var authorization))
        {
            if (server is null)
            {
                errors.Add("cds-r-1: fhirAuthorization needs fhirServer");
            }

            String(authorization, "access_token", "fhirAuthorization", errors, required: true);
            if (String(authorization, "token_type", "fhirAuthorization", errors, required: true) is { } type && type != "Bearer")
            {
                errors.Add("fhirAuthorization.token_type: must be Bearer");
            }

            if (!authorization.TryGetProperty("expires_in", out var expires) || expires.ValueKind != JsonValueKind.Number)
            {
                errors.Add("fhirAuthorization.expires_in: required integer");
            }

            String(authorization, "scope", "fhirAuthorization", errors, required: true);
            String(authorization, "subject", "fhirAuthorization", errors, required: true);
        }

        if (!root.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
        {
            errors.Add("context: required object");
        }
        else
        {
            String(context, "userId", "context", errors, required: true);
            String(context, "patientId", "context", errors, required: true);
        }

        if (root.TryGetProperty("prefetch", out var prefetch))
        {
            foreach (var pair in prefetch.EnumerateObject().Where(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)
                || (p.Value.ValueKind == JsonValueKind.Object && !p.Value.TryGetProperty("resourceType", out _))))
            {
                errors.Add($"prefetch.{pair.Name}: must be a FHIR resource or null");
            }
        }

        return errors;
    }

    /// <summary>CDSHooksResponse.fsh.</summary>
    public static IReadOnlyList<string> Response(JsonElement root)
    {
        var errors = new List<string>();
        foreach (var (card, path) in Array(root, "cards", "", errors, present: true))
        {
            if (String(card, "uuid", path, errors, required: false) is { } uuid && !Uuid().IsMatch(uuid))
            {
                errors.Add(path + ".uuid: must be a uuid");
            }

            if (String(card, "summary", path, errors, required: true) is { } summary && summary.Length >= 140)
            {
                errors.Add(path + ".summary: must be under 140 characters");
            }

            String(card, "detail", path, errors, required: false);
            Code(card, "indicator", path, errors, required: true, "info", "warning", "critical");
            if (!card.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path + ".source: required object");
            }
            else
            {
                String(source, "label", path + ".source", errors, required: true);
                Url(source, "url", path + ".source", errors);
            }

            var suggestions = Array(card, "suggestions", path, errors, present: false).ToList();
            var behavior = Code(card, "selectionBehavior", path, errors, required: false, "at-most-one", "any");
            if (suggestions.Count > 0 && behavior is null)
            {
                errors.Add(path + ": cds-resp-6 (suggestions need selectionBehavior)");
            }

            foreach (var (suggestion, spath) in suggestions)
            {
                String(suggestion, "label", spath, errors, required: true);
                if (String(suggestion, "uuid", spath, errors, required: false) is { } suuid && !Uuid().IsMatch(suuid))
                {
                    errors.Add(spath + ".uuid: must be a uuid");
                }

                foreach (var (action, apath) in Array(suggestion, "actions", spath, errors, present: false))
                {
                    var type = Code(action, "type", apath, errors, required: true, "create", "update", "delete");
                    if (String(action, "description", apath, errors, required: false) is null)
                    {
                        errors.Add(apath + ": cds-resp-5 (every action has a description)");
                    }

                    if (type is "create" or "update" && (!action.TryGetProperty("resource", out var resource) || !resource.TryGetProperty("resourceType", out _)))
                    {
                        errors.Add(apath + ".resource: a create or update carries a FHIR resource");
                    }
                }
            }

            foreach (var (link, lpath) in Array(card, "links", path, errors, present: false))
            {
                String(link, "label", lpath, errors, required: true);
                Url(link, "url", lpath, errors, required: true);
                if (Code(link, "type", lpath, errors, required: true, "absolute", "smart") == "absolute" && link.TryGetProperty("appContext", out _))
                {
                    errors.Add(lpath + ": cds-resp-3 (appContext only for smart links)");
                }
            }
        }

        return errors;
    }

    private static void Object(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add((path.Length == 0 ? "(root)" : path) + ": must be an object");
        }
        else if (element.TryGetProperty("extension", out var extension) && extension.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path + ".extension: must be an object");
        }
    }

    private static IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string name, string path, List<string> errors, bool present)
    {
        var here = path.Length == 0 ? name : path + "." + name;
        if (!parent.TryGetProperty(name, out var array))
        {
            if (present)
            {
                errors.Add(here + ": required (json-empty-behavior present: an empty array when none)");
            }

            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(here + ": must be an array");
            return [];
        }

        var items = array.EnumerateArray().Select((item, i) => (item, $"{here}[{i}]")).ToList();
        foreach (var (item, ipath) in items)
        {
            Object(item, ipath, errors);
        }

        return items;
    }

    private static string? String(JsonElement parent, string name, string path, List<string> errors, bool required)
    {
        var here = path.Length == 0 ? name : path + "." + name;
        if (!parent.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add(here + ": required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            errors.Add(here + ": must be a non-empty string");
            return null;
        }

        return value.GetString();
    }

    private static string? Code(JsonElement parent, string name, string path, List<string> errors, bool required, params string[] allowed)
    {
        var value = String(parent, name, path, errors, required);
        if (value is not null && !allowed.Contains(value))
        {
            errors.Add($"{path}.{name}: must be one of {string.Join(", ", allowed)}");
            return null;
        }

        return value;
    }

    private static void Url(JsonElement parent, string name, string path, List<string> errors, bool required = false)
    {
        if (String(parent, name, path, errors, required) is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            errors.Add($"{path}.{name}: must be an absolute URL");
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();
}
