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

    public static Problem UnsupportedCharset(string charset) => Problems.Status(
        StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", $"The body is read as UTF-8; charset={charset} is not read. Send UTF-8 (or plain ASCII).");

    public static Problem Malformed(string detail) => Problems.Status(StatusCodes.Status400BadRequest, "Malformed body", detail);

    /// <summary>A 400 with every listed message; past the cap it says how many more there are, and whether reading stopped.</summary>
    public static Problem Invalid(Errors errors, string title = "Invalid values")
    {
        if (errors.More == 0)
        {
            return Problems.Invalid(title, "One or more fields are missing or not valid; see errors.", errors.ToDictionary());
        }

        var stopped = errors.Full;
        var detail = stopped
            ? $"Too many errors: the first {Errors.MaxListed} are listed in errors, and {errors.More} more were found before reading stopped at {Errors.StopAfter}; the rest of the body was not checked."
            : $"Too many errors: the first {Errors.MaxListed} are listed in errors, and {errors.More} more were found.";
        var extensions = new Dictionary<string, object?> { ["moreErrors"] = errors.More };
        if (stopped)
        {
            extensions["readingStopped"] = true;
        }

        return Problems.Invalid(title, detail, errors.ToDictionary(), extensions);
    }
}
