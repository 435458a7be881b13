namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>The problems a prediction request can have, worded once.</summary>
internal static class RequestProblems
{
    public const int MaxPatientBytes = 64 * 1024;
    public const int MaxBatchBytes = 1024 * 1024;

    public static RequestProblem EmptyBody { get; } = new(400, "Empty body", "Send the patient's values as JSON, or as a urlencoded or multipart form.");

    public static RequestProblem UnsupportedMediaType { get; } = new(
        415, "Unsupported content type", "Send application/json, application/x-www-form-urlencoded or multipart/form-data.");

    public static RequestProblem PatientTooLarge { get; } = new(413, "Body too large", $"One patient's body may be at most {MaxPatientBytes / 1024} KB.");

    public static RequestProblem BatchTooLarge { get; } = new(413, "Body too large", $"A batch's body may be at most {MaxBatchBytes / 1024 / 1024} MB.");

    public static RequestProblem Malformed(string detail) => new(400, "Malformed body", detail);

    public static RequestProblem Invalid(Errors errors) =>
        new(400, "Invalid values", "One or more fields are missing or not valid; see errors.", errors.ToDictionary());
}
