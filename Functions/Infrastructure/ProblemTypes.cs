using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// One kind of problem answer: a stable <see cref="Code"/> a program branches on (Azure's <c>x-ms-error-code</c>,
/// AIP-193's <c>reason</c>), its own <see cref="Uri"/> for the RFC 9457 <c>type</c>, the status and title it is
/// always answered with, and what it means and what to do, for docs/errors.md.
/// </summary>
internal sealed record ProblemType(string Code, int Status, string Title, string Meaning, string WhatToDo)
{
    /// <summary>
    /// The prefix of every problem's <c>type</c>: a stable name, not a web address (RFC 9457 allows a URI that is
    /// not dereferenceable; docs/errors.md describes each).
    /// </summary>
    public const string UriPrefix = "urn:healthoracle:problem:";

    public string Uri => UriPrefix + Code;
}

/// <summary>
/// The catalogue of every problem the app answers: each <see cref="Problem"/> is built from one of these
/// (<see cref="Problems"/>), docs/errors.md is written from <see cref="All"/> (<c>ErrorCatalogueTests</c>), and the
/// OpenAPI document lists their codes. A code is never renamed or reused for another meaning (docs/api.md, deprecation policy).
/// </summary>
internal static class ProblemTypes
{
    public static readonly ProblemType EmptyBody = new("EmptyBody", StatusCodes.Status400BadRequest, "Empty body",
        "The request had no body where the operation needs one.", "Send the body the operation describes.");

    public static readonly ProblemType MalformedBody = new("MalformedBody", StatusCodes.Status400BadRequest, "Malformed body",
        "The body could not be read: not valid JSON, not UTF-8, nested too deep, a name given twice, or not the shape the operation takes.",
        "Fix the body as `detail` says; do not retry it unchanged.");

    public static readonly ProblemType InvalidValues = new("InvalidValues", StatusCodes.Status400BadRequest, "Invalid values",
        "A patient's values are missing, of the wrong type, out of range, not one of their codes, in an unknown unit, or unknown names.",
        "Fix the fields named in `errors` (`age`, or `patients[3].age` in a batch); do not retry unchanged.");

    public static readonly ProblemType InvalidWhatIf = new("InvalidWhatIf", StatusCodes.Status400BadRequest, "Invalid what-if",
        "A what-if's patient or changes are missing or not valid.", "Fix the fields named in `errors`.");

    public static readonly ProblemType InvalidChatRequest = new("InvalidChatRequest", StatusCodes.Status400BadRequest, "The chat request is invalid.",
        "A chat question, its history or its prediction context is missing or not valid.", "Fix the fields named in `errors`.");

    public static readonly ProblemType InvalidRequest = new("InvalidRequest", StatusCodes.Status400BadRequest, "Invalid request",
        "A value sent to a signed-in route (profile, history) is missing or not allowed.", "Fix the fields named in `errors`.");

    public static readonly ProblemType InvalidQuery = new("InvalidQuery", StatusCodes.Status400BadRequest, "Invalid query",
        "A query parameter is not one of its values.", "Fix the parameter named in `errors`.");

    public static readonly ProblemType UnsupportedApiVersion = new("UnsupportedApiVersion", StatusCodes.Status400BadRequest, "Unsupported api-version",
        "The `api-version` query parameter names no version of this API.", "Send one of the versions `errors` lists, or leave it out for the current one.");

    public static readonly ProblemType UseBatchOperation = new("UseBatchOperation", StatusCodes.Status400BadRequest, "A batch goes to the batch operation",
        "A JSON array was sent with `api-version` to a disease's single-patient operation.", "Send `{\"patients\": [...]}` to `POST /predict/{disease}/batch`.");

    public static readonly ProblemType InvalidIdempotencyKey = new("InvalidIdempotencyKey", StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
        "The `Idempotency-Key` header is not one key: given twice, empty, longer than 255 characters, or with characters other than visible ASCII.",
        "Send one key per request (a UUID is a good key), as a plain token or a quoted string.");

    public static readonly ProblemType IdempotencyKeyInUse = new("IdempotencyKeyInUse", StatusCodes.Status409Conflict, "Idempotency-Key in use",
        "A request with this `Idempotency-Key` is still being answered; nothing was done for this one.",
        "Wait for the first request's answer, or retry after `Retry-After` seconds with the same key and body.");

    public static readonly ProblemType IdempotencyKeyReused = new("IdempotencyKeyReused", StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
        "This `Idempotency-Key` was used, within its 24 hours, for a different request (another body, disease or query); nothing was done.",
        "Use a new key for a new request; resend the original body to get the original answer.");

    public static readonly ProblemType InvalidHookCall = new("InvalidHookCall", StatusCodes.Status400BadRequest, "Invalid CDS Hooks call",
        "A CDS Hooks request lacks what the specification requires (hook, hookInstance, context.patientId) or is not its shape.",
        "Fix the call as `detail` says; see docs/fhir.md.");

    public static readonly ProblemType InvalidRecord = new("InvalidRecord", StatusCodes.Status400BadRequest, "Invalid FHIR record",
        "A FHIR Bundle or Parameters could not be read as R4, or holds too little to score; the answer is an OperationOutcome.",
        "Fix the resources the OperationOutcome's issues name.");

    public static readonly ProblemType SignInRequired = new("SignInRequired", StatusCodes.Status401Unauthorized, "Sign-in required",
        "The route answers for the signed-in person only, and the call carried no sign-in.", "Sign in (`/.auth/login/aad`) and send the session cookie.");

    public static readonly ProblemType CrossSiteWrite = new("CrossSiteWrite", StatusCodes.Status403Forbidden, "Not from this site",
        "A change to a signed-in person's data came from another site's page; nothing was changed.", "Make the change from the site itself.");

    public static readonly ProblemType BatchNeedsKey = new("BatchNeedsKey", StatusCodes.Status403Forbidden, "Batches need a subscription key",
        "A batch was sent without a subscription key, where the API gateway is configured.", "Call the batch operation through the gateway with `Ocp-Apim-Subscription-Key`.");

    public static readonly ProblemType NotFound = new("NotFound", StatusCodes.Status404NotFound, "Not found",
        "There is no such item (a saved prediction or suggestion) in your history; someone else's is answered the same way.", "Check the id.");

    public static readonly ProblemType UnknownDisease = new("UnknownDisease", StatusCodes.Status404NotFound, "Unknown disease",
        "The path names a disease the service does not score.", "Use one of the keys `GET /diseases` lists.");

    public static readonly ProblemType BodyTooLarge = new("BodyTooLarge", StatusCodes.Status413PayloadTooLarge, "Body too large",
        "The body is longer than the operation takes (64 KB for one patient, 1 MB for a batch).", "Split the batch; send less.");

    public static readonly ProblemType UnsupportedMediaType = new("UnsupportedMediaType", StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
        "The body's content type is not one the operation reads.", "Send `content-type: application/json`.");

    public static readonly ProblemType UnsupportedCharset = new("UnsupportedCharset", StatusCodes.Status415UnsupportedMediaType, "Unsupported charset",
        "The body declared a charset other than UTF-8.", "Send UTF-8 (or plain ASCII).");

    public static readonly ProblemType RecordUnavailable = new("RecordUnavailable", StatusCodes.Status412PreconditionFailed, "The patient's record could not be had",
        "A CDS Hooks call sent no prefetch and its FHIR server could not be read (unreachable, refused the token, redirected elsewhere).",
        "Send the prefetch, or a reachable `fhirServer` with a valid `fhirAuthorization`.");

    public static readonly ProblemType TooManyRequests = new("TooManyRequests", StatusCodes.Status429TooManyRequests, "Too many requests",
        "A call without a subscription key went past the per-address limit of the site's own route.", "Wait `Retry-After` seconds, or call through the gateway with a key.");

    public static readonly ProblemType ChatTooManyRequests = new("ChatTooManyRequests", StatusCodes.Status429TooManyRequests, "Too many chat requests.",
        "The chat's own per-address limit is reached.", "Wait `Retry-After` seconds.");

    public static readonly ProblemType SubscriptionKeyInvalid = new("SubscriptionKeyInvalid", StatusCodes.Status401Unauthorized, "Subscription key missing or invalid",
        "Answered by the API gateway: the call carried no subscription key, or not the key of an active subscription.",
        "Send your key in `Ocp-Apim-Subscription-Key`.");

    public static readonly ProblemType QuotaExceeded = new("QuotaExceeded", StatusCodes.Status403Forbidden, "Quota exhausted",
        "Answered by the API gateway: the subscription's calls for its quota period (a day, or 30 days) are used up.",
        "Wait `Retry-After` seconds (when the quota renews), or move to a larger plan.");

    public static readonly ProblemType OperationNotFound = new("OperationNotFound", StatusCodes.Status404NotFound, "No such operation",
        "Answered by the API gateway: the API has no operation for this method and path.", "Check the path against `/api/openapi.json`.");

    public static readonly ProblemType RateLimitExceeded = new("RateLimitExceeded", StatusCodes.Status429TooManyRequests, "Too many requests",
        "Answered by the API gateway: the subscription's burst limit (`RateLimit-Policy`) is reached.", "Wait `Retry-After` seconds.");

    public static readonly ProblemType InternalError = new("InternalError", StatusCodes.Status500InternalServerError, "Internal error",
        "A defect: the server met an unexpected error, and logged it.", "Retry once later; report it with `requestId` and `traceId`.");

    public static readonly ProblemType ChatUpstreamFailed = new("ChatUpstreamFailed", StatusCodes.Status502BadGateway, "Gemini failed.",
        "The language model answered with an error or an answer that could not be read.", "Retry later, with backoff.");

    public static readonly ProblemType SuggestionsUnusable = new("SuggestionsUnusable", StatusCodes.Status502BadGateway, "Gemini's suggestions could not be used.",
        "The language model's suggestions were not usable.", "Retry later.");

    public static readonly ProblemType ModelUnavailable = new("ModelUnavailable", StatusCodes.Status503ServiceUnavailable, "Model unavailable",
        "The disease's model cannot be served right now; `reason` says why (e.g. `StorageUnreachable`, `Loading`).", "Wait `Retry-After` seconds, then retry.");

    public static readonly ProblemType GatewayNotConfigured = new("GatewayNotConfigured", StatusCodes.Status503ServiceUnavailable, "The API gateway is not configured",
        "The service cannot check that a paid call came through its gateway, so it refuses every paid call; the operator has been alerted.",
        "Wait `Retry-After` seconds; tell the operator if it lasts.");

    public static readonly ProblemType AccountsNotConfigured = new("AccountsNotConfigured", StatusCodes.Status503ServiceUnavailable, "Accounts are not available",
        "This deployment keeps no profiles or histories.", "Do not retry: predictions and chat still work, unsaved.");

    public static readonly ProblemType HistoryUnavailable = new("HistoryUnavailable", StatusCodes.Status503ServiceUnavailable, "Your history cannot be reached",
        "The storage of profiles and histories did not answer; nothing was changed.", "Wait `Retry-After` seconds, then retry.");

    public static readonly ProblemType ChatNotConfigured = new("ChatNotConfigured", StatusCodes.Status503ServiceUnavailable, "Chat is not configured.",
        "This deployment has no Gemini configuration.", "Do not retry; predictions still work.");

    public static readonly ProblemType ChatCredentialUnavailable = new("ChatCredentialUnavailable", StatusCodes.Status503ServiceUnavailable, "Chat cannot use its Google identity.",
        "The chat could not obtain its Google credential.", "Wait `Retry-After` seconds when it is sent; otherwise tell the operator.");

    public static readonly ProblemType ChatTimeout = new("ChatTimeout", StatusCodes.Status504GatewayTimeout, "Gemini did not answer in time.",
        "The language model did not answer within the chat's timeout.", "Retry later, with backoff.");

    /// <summary>Every kind, in the order of their status.</summary>
    public static IReadOnlyList<ProblemType> All { get; } = [.. typeof(ProblemTypes).GetFields()
        .Where(f => f.FieldType == typeof(ProblemType))
        .Select(f => (ProblemType)f.GetValue(null)!)
        .OrderBy(t => t.Status)
        .ThenBy(t => t.Code, StringComparer.Ordinal)];
}
