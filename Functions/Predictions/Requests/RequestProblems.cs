using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>The problems a prediction request can have, worded once.</summary>
internal static class RequestProblems
{
    public const int MaxPatientBytes = 64 * 1024;
    public const int MaxBatchBytes = 1024 * 1024;

    public static Problem EmptyBody { get; } = Problems.Status(
        StatusCodes.Status400BadRequest, "Empty body", "Send the patient's values as JSON, or as a urlencoded or multipart form.");

    public static Problem UnsupportedMediaType { get; } = Problems.Status(
        StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Send application/json, application/x-www-form-urlencoded or multipart/form-data.");

    public static Problem PatientTooLarge { get; } = Problems.Status(
        StatusCodes.Status413PayloadTooLarge, "Body too large", $"One patient's body may be at most {MaxPatientBytes / 1024} KB.");

    public static Problem BatchTooLarge { get; } = Problems.Status(
        StatusCodes.Status413PayloadTooLarge, "Body too large", $"A batch's body may be at most {MaxBatchBytes / 1024 / 1024} MB.");

    public static Problem Malformed(string detail) => Problems.Status(StatusCodes.Status400BadRequest, "Malformed body", detail);

    public static Problem Invalid(Errors errors) =>
        Problems.Invalid("Invalid values", "One or more fields are missing or not valid; see errors.", errors.ToDictionary());
}
