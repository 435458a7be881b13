using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// A prediction's body through the one pipeline (<see cref="RequestBodyReader"/>): JSON (one patient, or a batch
/// up to 1 MB) or a person's form, then every field's rules. One patient is held to the smaller limit.
/// </summary>
internal static class PredictionBody
{
    public const int MaxPatientBytes = 64 * 1024;
    public const int MaxBatchBytes = 1024 * 1024;
    public static ProblemType InvalidType => ProblemTypes.InvalidValues;

    public static BodyRules Rules { get; } = new(MaxBatchBytes, MaxPatientBytes,
        "Send the patient's values as JSON, or as a urlencoded or multipart form.", InvalidType);

    public static async ValueTask<(PatientBatch? Batch, Problem? Problem)> ReadAsync(DiseaseDefinition disease, HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodyReader.ReadAsync(request, Rules, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        using (body)
        {
            if (body.Form is { } form)
            {
                return FormPatientReader.Read(disease, form);
            }

            if (body.Json.Length > MaxPatientBytes && body.Json.TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
            {
                return (null, Problems.BodyTooLarge(MaxPatientBytes, "One patient's body"));
            }

            return JsonPatientReader.Read(disease, body.Json);
        }
    }
}
