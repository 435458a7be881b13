using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.People.Export;
using HealthOracle.Functions.People.History;
using HealthOracle.Functions.People.Profile;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Predictions;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.People;

/// <summary>
/// The signed-in routes (<c>/api/me…</c>): the platform's sign-in session, the profile, saved predictions and
/// suggestions, export and erasure; and the <c>save</c> query a signed-in prediction takes.
/// </summary>
internal sealed class PeopleApi(IOptions<PeopleOptions> options) : IApiDescription
{
    public const string Tag = "Your account";

    public void Describe(ApiDocumentBuilder api)
    {
        api.Tag(Tag, "For a person signed in on the site (App Service Authentication): their profile and the predictions saved to their history. " +
            "A program calling with a subscription key has no account here.");
        Refine(api.Schemas);
        // A saved answer is the whole answer of its day, whatever version reads it: its schema is in every version's document.
        api.Schemas.Answer(PredictionJsonContext.Default.PredictionResult);
        var unavailable = ProblemSchemas.WithReasons(api.Schemas, "PeopleUnavailableProblem",
            "Profiles and histories cannot be reached (`Unreachable`, `Failed`: retry after `Retry-After`) or are off on this server (`NotConfigured`: no `Retry-After`).",
            Enum.GetNames<PeopleStoreFailure>());
        var id = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = 64 };

        Signed(api.Operation(MeFunction.Name, "GET", "getMe", "Who is signed in, and their profile"), unavailable)
            .Returns(200, "The signed-in person (their name as the platform gives it, never stored) and the profile, or null.",
                new ApiContent("application/json", api.Schemas.Answer(PeopleJsonContext.Default.MeResponse)));
        Writes(Signed(api.Operation(MeFunction.Name, "DELETE", "deleteMe", "Erase everything stored about you"), unavailable))
            .Description($"Deletes the profile, every saved prediction and every saved suggestion. The sign-in itself belongs to the platform. " +
                "One call erases for up to `History__EraseSecondsPerCall` seconds (20); a history too long for that answers 202 and the same call goes on where it stopped.")
            .Returns(204, "Erased.")
            .Returns(202, "Erasing is under way and more remains: call again after `Retry-After` (1 second).",
                new ApiContent("application/json", api.Schemas.Answer(PeopleJsonContext.Default.EraseProgress)));
        Writes(Signed(api.Operation(ProfileFunction.Name, "PUT", "putProfile", "Replace your profile"), unavailable))
            .Description("Every field is optional; a missing or null field is cleared.")
            .Body("The profile.", required: true, new ApiContent("application/json", api.Schemas.Request(PeopleJsonContext.Default.ProfileRequest)))
            .Returns(200, "The profile as saved.", new ApiContent("application/json", api.Schemas.Answer(PeopleJsonContext.Default.ProfileView)))
            .Problem(400, "A value is not allowed, or a property is unknown or given twice: `errors` names it.")
            .Problem(413, $"The body is larger than {PeopleBody.MaxBytes / 1024} KB.")
            .Problem(415, "The content type is not `application/json`.");
        Signed(api.Operation(PredictionsFunction.Name, "GET", "listSavedPredictions", "Your saved predictions, newest first"), unavailable)
            .QueryParameter("disease", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(DiseaseCatalog.Keys.Select(k => (JsonNode)k).ToArray()) }, "Only this disease's.")
            .QueryParameter("pageSize", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = PredictionsFunction.MaxPageSize, ["default"] = PredictionsFunction.DefaultPageSize }, "Items per page.")
            .QueryParameter("continuation", id.DeepClone(), "The `continuation` of the previous page.")
            .Returns(200, "A page of summaries; `continuation` is null on the last page.",
                new ApiContent("application/json", api.Schemas.Answer(PeopleJsonContext.Default.PredictionPage)))
            .Problem(400, "A query value is not valid: `errors` names it.");
        Signed(api.Operation(PredictionFunction.Name, "GET", "getSavedPrediction", "One saved prediction, with its suggestions"), unavailable)
            .PathParameter("id", id.DeepClone(), "The saved prediction's id (`history.id` of the answer that saved it).")
            .Returns(200, "The answer as you received it, and the suggestions saved with it.",
                new ApiContent("application/json", api.Schemas.Answer(PeopleJsonContext.Default.SavedPrediction)))
            .Problem(404, "No saved prediction of yours has this id (another person's is the same 404).");
        Writes(Signed(api.Operation(PredictionFunction.Name, "DELETE", "deleteSavedPrediction", "Delete one saved prediction and its suggestions"), unavailable))
            .PathParameter("id", id.DeepClone(), "The saved prediction's id.")
            .Returns(204, "Deleted.")
            .Problem(404, "No saved prediction of yours has this id.");
        Writes(Signed(api.Operation(SuggestionFunction.Name, "PATCH", "markSuggestion", "Mark a saved suggestion read or unread"), unavailable))
            .PathParameter("id", id.DeepClone(), "The saved prediction's id.")
            .PathParameter("suggestionId", new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{2}$" }, "The suggestion's id (two digits).")
            .Body("`read`: true or false.", required: true, new ApiContent("application/json", api.Schemas.Request(PeopleJsonContext.Default.SuggestionUpdate)))
            .Returns(200, "The suggestion as saved.", new ApiContent("application/json", api.Schemas.Answer(PeopleJsonContext.Default.SavedSuggestion)))
            .Problem(400, "`read` is missing or not a boolean, or a property is unknown.")
            .Problem(404, "No saved suggestion of yours has these ids.")
            .Problem(413, $"The body is larger than {PeopleBody.MaxBytes / 1024} KB.")
            .Problem(415, "The content type is not `application/json`.");
        Signed(api.Operation(ExportFunction.Name, "GET", "exportMe", "Everything stored about you, as one JSON document"), unavailable)
            .Description($"Offered as a download (`Content-Disposition: attachment`); `format` is `{ExportFunction.Format}`. " +
                "Streamed as it is read; should storage fail midway, the connection is closed rather than the document cut short.")
            .Returns(200, "The export.", new ApiContent("application/json", api.Schemas.Answer(PeopleJsonContext.Default.ExportDocument)));
    }

    /// <summary>A route that changes the person's data: refused when another site's page sent it (issue 24, S2).</summary>
    private static ApiOperation Writes(ApiOperation operation) => operation
        .Problem(403, "Sent by a page on another site (`Origin` neither this API, the site, nor an allowed origin): nothing changed; `reason` is `CrossSiteWrite`.");

    private ApiOperation Signed(ApiOperation operation, JsonObject unavailable) => operation
        .Tag(Tag)
        .Security(IdentityApi.SignIn)
        .Problem(401, $"Not signed in: sign in first ({IdentityProblems.SignInPath}).")
        .Problem(503, $"Profiles and histories cannot be reached right now (retry after `Retry-After` seconds, {options.Value.RetryAfterSeconds} here), " +
            "or this server keeps none (`reason` `NotConfigured`, no `Retry-After`).", RetryAfter.Sometimes, unavailable.DeepClone());

    private static void Refine(ApiSchemas schemas)
    {
        schemas.Refine<ProfileRequest>(s =>
        {
            s.With("additionalProperties", false);
            s.Property("dateOfBirth").With("format", "date").With("description", $"yyyy-MM-dd, from {ProfileRules.EarliestBirth:yyyy-MM-dd} to today.");
            s.Property("sex").With("enum", new JsonArray([.. ProfileRules.Sexes.Select(v => (JsonNode)v), null]));
            s.Property("bloodGroup").With("enum", new JsonArray([.. ProfileRules.BloodGroups.Select(v => (JsonNode)v), null]));
        });
        schemas.Refine<SuggestionUpdate>(s => s.With("additionalProperties", false).Require("read").Property("read").NotNull());
        schemas.Refine<SavedPrediction>(s =>
        {
            var properties = s["properties"]!.AsObject();
            properties["prediction"] = new JsonObject
            {
                ["description"] = "The prediction's answer as it was given (a saved answer keeps the fields of its day).",
                ["allOf"] = new JsonArray(ApiSchemas.Reference(nameof(PredictionResult))),
            };
            s.Property("typedUnits").With("description",
                "The unit each lab value was typed in where a form named one other than the field's own (field name → unit, as `{field}.unit` names it); " +
                "{} when none was; absent for a result saved before units were kept. The prediction's `inputs` are in the fields' units.");
        });
    }
}
