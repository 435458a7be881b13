using System.Text;
using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Explanations;

/// <summary>
/// The what-if endpoint: reads <c>{ "patient": { … }, "changes": { … } }</c>, validates the patient and the changed
/// patient exactly as a prediction's body is validated (every message keyed <c>patient.&lt;field&gt;</c> or
/// <c>changes.&lt;field&gt;</c>), and scores both in one run of one model version.
/// </summary>
internal sealed partial class WhatIfService(PredictionService predictions, IOptions<ModelStoreOptions> options, ILogger<WhatIfService> logger)
{
    private const string PatientProperty = "patient";
    private const string ChangesProperty = "changes";
    private const string Title = "Invalid what-if";
    private const int MaxDepth = 16;

    public async Task<WhatIfHttpResult> HandleAsync(string key, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!DiseaseCatalog.TryGet(key, out var disease))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Unknown disease", $"There is no disease '{key}'. Diseases: {string.Join(", ", DiseaseCatalog.Keys)}.");
        }

        var (pair, changes, problem) = await ReadAsync(disease, request, cancellationToken);
        if (problem is not null)
        {
            LogRejected(logger, disease.Key, problem.StatusCode, problem.Errors?.Count ?? 0);
            return problem;
        }

        try
        {
            var results = await predictions.PredictAsync(disease, pair!, cancellationToken, explain: false);
            var (before, after) = (results[0], results[1]);
            return TypedResults.Json(
                new WhatIfResponse(
                    disease.Key,
                    Estimate(before),
                    Estimate(after),
                    Math.Round(after.RiskPercentage - before.RiskPercentage, 2, MidpointRounding.AwayFromZero),
                    changes!,
                    before.Model,
                    ExplanationTexts.WhatIf,
                    Disclaimers.NotADiagnosis),
                ExplanationJsonContext.Default.WhatIfResponse);
        }
        catch (ModelUnavailableException e)
        {
            return PredictionService.ModelUnavailable(e, options.Value.RetryAfterSeconds);
        }
    }

    private static WhatIfEstimate Estimate(PredictionResult result) => new(result.Probability, result.RiskPercentage, result.Category, result.Inputs) { Interval = result.Interval };

    /// <summary>The patient and the changed patient as a batch of two, the changes, or the problem.</summary>
    private static async ValueTask<(PatientBatch? Pair, IReadOnlyList<WhatIfChange>? Changes, Problem? Problem)> ReadAsync(
        DiseaseDefinition disease, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestProblems.MaxPatientBytes)
        {
            return (null, null, RequestProblems.PatientTooLarge);
        }

        var kind = RequestBody.KindOf(request.ContentType);
        if (kind != BodyKind.Json)
        {
            return (null, null, kind == BodyKind.None && request.ContentLength is null or 0 ? RequestProblems.EmptyBody : RequestProblems.UnsupportedMediaType);
        }

        using var body = await RequestBody.ReadAsync(request, RequestProblems.MaxPatientBytes, cancellationToken);
        if (body is null)
        {
            return (null, null, RequestProblems.PatientTooLarge);
        }

        if (body.Length == 0)
        {
            return (null, null, RequestProblems.EmptyBody);
        }

        // Bad UTF-8 and escapes that make no text are refused for the whole body, as every reader does (a name
        // read from the document would otherwise throw).
        var json = JsonText.WithoutByteOrderMark(body.Memory.Span);
        if (JsonText.Check(json, MaxDepth) is { } text)
        {
            return (null, null, RequestProblems.Malformed(text));
        }

        using var document = Parse(body.Memory[(body.Length - json.Length)..], out var malformed);
        if (document is null)
        {
            return (null, null, malformed);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null, RequestProblems.Malformed("The body must be a JSON object: { \"patient\": { … }, \"changes\": { … } }."));
        }

        // Capped like every reader's errors: a body of many unknown names gets a small answer.
        var errors = new Errors();
        bool patientRefused = false, changesRefused = false;
        JsonElement? patient = null, changes = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case PatientProperty when patient is null && property.Value.ValueKind == JsonValueKind.Object:
                    patient = property.Value;
                    break;
                case ChangesProperty when changes is null && property.Value.ValueKind == JsonValueKind.Object:
                    changes = property.Value;
                    break;
                case PatientProperty or ChangesProperty:
                    patientRefused |= property.Name == PatientProperty;
                    changesRefused |= property.Name == ChangesProperty;
                    errors.Add(property.Name, "must be given once, as a JSON object.");
                    break;
                default:
                    errors.Add(errors.Listing ? JsonText.Echo(property.Name) : string.Empty, "is not part of a what-if: send { \"patient\": { … }, \"changes\": { … } }.");
                    break;
            }
        }

        if (patient is null && !patientRefused)
        {
            errors.Add(PatientProperty, $"is required: the patient's values, as for POST /api/predict/{disease.Key}.");
        }

        if ((changes is null || !changes.Value.EnumerateObject().Any()) && !changesRefused)
        {
            errors.Add(ChangesProperty, "must be an object naming at least one field and its new value.");
        }

        if (errors.Any || patient is null || changes is null)
        {
            return (null, null, RequestProblems.Invalid(errors, Title));
        }

        var (original, patientProblem) = JsonPatientReader.Read(disease, Encoding.UTF8.GetBytes(patient.Value.GetRawText()));
        if (patientProblem is not null)
        {
            return (null, null, Prefixed(patientProblem, _ => PatientProperty));
        }

        // The changed patient: the patient's properties, less the changed fields (in either spelling), then the changes; read like any body.
        var changedFields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.Value.EnumerateObject())
        {
            var index = FieldRules.IndexOf(disease, change.Name);
            if (index < 0)
            {
                errors.Add(errors.Listing ? $"{ChangesProperty}.{JsonText.Echo(change.Name)}" : string.Empty, $"is not a field of this form. Names are the snake_case (or camelCase) names of GET /api/predict/{disease.Key}.");
            }
            else if (!changedFields.Add(disease.Fields[index].Name))
            {
                errors.Add($"{ChangesProperty}.{disease.Fields[index].Name}", FieldRules.Duplicated);
            }

            if (errors.Full)
            {
                break;
            }
        }

        if (errors.Any)
        {
            return (null, null, RequestProblems.Invalid(errors, Title));
        }

        var (after, changedProblem) = JsonPatientReader.Read(disease, Merge(disease, patient.Value, changes.Value, changedFields));
        if (changedProblem is not null)
        {
            return (null, null, Prefixed(changedProblem, key => changedFields.Contains(key) || Rule(disease, key, changedFields) ? ChangesProperty : PatientProperty));
        }

        var values = new double[disease.Fields.Count * 2];
        original!.Values.CopyTo(values, 0);
        after!.Values.CopyTo(values, disease.Fields.Count);
        var list = changedFields
            .Select(name => disease.IndexOf(name))
            .Order()
            .Select(i => new WhatIfChange(disease.Fields[i].Name, disease.Fields[i].Label, Nullable(original.Value(0, i)), Nullable(after.Value(0, i))))
            .ToArray();
        return (new PatientBatch(values, 2, disease.Fields.Count, isArray: true), list, null);
    }

    private static JsonDocument? Parse(ReadOnlyMemory<byte> body, out Problem? problem)
    {
        problem = null;
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            problem = RequestProblems.Malformed($"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
            return null;
        }
    }

    private static byte[] Merge(DiseaseDefinition disease, JsonElement patient, JsonElement changes, HashSet<string> changed)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var property in patient.EnumerateObject())
            {
                var index = FieldRules.IndexOf(disease, property.Name);
                if (index < 0 || !changed.Contains(disease.Fields[index].Name))
                {
                    property.WriteTo(json);
                }
            }

            foreach (var change in changes.EnumerateObject())
            {
                json.WritePropertyName(disease.Fields[FieldRules.IndexOf(disease, change.Name)].Name);
                change.Value.WriteTo(json);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>True when <paramref name="field"/>'s message comes from a rule one of whose fields was changed.</summary>
    private static bool Rule(DiseaseDefinition disease, string field, HashSet<string> changed) =>
        disease.Rules.Any(rule => rule.Field == field && (changed.Contains(rule.Field) || changed.Contains(rule.Limit)));

    private static double? Nullable(double value) => double.IsNaN(value) ? null : value;

    private static Problem Invalid(Dictionary<string, string[]> errors) =>
        Problems.Invalid(Title, "One or more values are missing or not acceptable; see errors.", errors);

    /// <summary>The reader's problem with each field's key under <c>patient.</c> or <c>changes.</c>.</summary>
    private static Problem Prefixed(Problem problem, Func<string, string> prefix)
    {
        if (problem.Errors is not { } errors)
        {
            return problem;
        }

        return Invalid(errors.ToDictionary(e => e.Key == "$" ? prefix(e.Key) : $"{prefix(e.Key)}.{e.Key}", e => e.Value, StringComparer.Ordinal));
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Rejected a {Disease} what-if with {Status}: {ErrorCount} field error(s)")]
    private static partial void LogRejected(ILogger logger, string disease, int status, int errorCount);
}
