using System.Text;
using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.People;
using HealthOracle.Functions.Pages;
using HealthOracle.Functions.People.Profile;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Predictions.WhatIf;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HealthOracle.Fuzz;

/// <summary>
/// Every route's body reader as the fuzzer (bench/fuzz.sh) and the unit tests' property and regression tests
/// drive it, through the one pipeline (<see cref="RequestBodyReader"/>): any input gives a value or a bounded 4xx
/// problem. A broken promise is thrown as a <see cref="ReaderBroke"/>; any other exception escaping a reader is a
/// finding too.
/// </summary>
internal static class ReaderTargets
{
    /// <summary>No problem answer (JSON, or the HTML page a browser gets) may be larger than this.</summary>
    public const int MaxProblemBytes = 16 * 1024;

    public const string MultipartBoundary = "fuzz-boundary";

    private const string Json = "application/json";
    private const string UrlEncoded = "application/x-www-form-urlencoded";
    private const string Multipart = "multipart/form-data; boundary=" + MultipartBoundary;

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web);

    /// <summary>The names the fuzzer takes, each with what it reads: one per route's reader, and the headers.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["json"] = PredictionJson,
        ["form"] = PredictionForm,
        ["whatif"] = WhatIf,
        ["chat"] = Chat,
        ["chatform"] = ChatForm,
        ["people"] = People,
        ["headers"] = Headers,
    };

    /// <summary>A prediction's JSON body, for every disease.</summary>
    public static void PredictionJson(byte[] body)
    {
        foreach (var disease in DiseaseCatalog.All)
        {
            CheckPrediction(disease, body, Json);
        }
    }

    /// <summary>A prediction's form body, urlencoded and as multipart, for every disease.</summary>
    public static void PredictionForm(byte[] body)
    {
        foreach (var disease in DiseaseCatalog.All)
        {
            CheckPrediction(disease, body, UrlEncoded);
            CheckPrediction(disease, body, Multipart);
        }
    }

    /// <summary>A what-if's body, for every disease: a patient and a changed one, or a problem.</summary>
    public static void WhatIf(byte[] body)
    {
        foreach (var disease in DiseaseCatalog.All)
        {
            var (question, problem) = Run(WhatIfReader.ReadAsync(disease, Request(body, Json), CancellationToken.None));
            Require((question is null) != (problem is null), "a read gives a what-if or a problem");
            if (problem is not null)
            {
                CheckProblem(problem, null);
                continue;
            }

            Require(question!.Pair.Count == 2 && question.Changed != 0, "a what-if is two patients with at least one change");
            CheckPatients(disease, question.Pair);
        }
    }

    /// <summary>A chat body and a suggestions body, then what the functions do with a valid one before Gemini is called.</summary>
    public static void Chat(byte[] body)
    {
        var (chat, problem) = Run(RequestBodyReader.ReadJsonAsync(Request(body, Json), ChatBody.Json, ChatJsonContext.Default.ChatRequest, CancellationToken.None));
        if (Valid(chat, problem))
        {
            _ = ChatPrompts.ChatMessages(chat!);
            _ = ChatPrompts.ChatOptions(chat!.Prediction);
        }

        var (suggestions, refused) = Run(RequestBodyReader.ReadJsonAsync(Request(body, Json), ChatBody.Json, ChatJsonContext.Default.SuggestionsRequest, CancellationToken.None));
        if (Valid(suggestions, refused) && suggestions!.Prediction is { } prediction)
        {
            _ = ChatPrompts.SuggestionsOptions(prediction);
        }
    }

    /// <summary>The assistant's page forms (a question, suggestions for a result), urlencoded and as multipart.</summary>
    public static void ChatForm(byte[] body)
    {
        foreach (var contentType in new[] { UrlEncoded, Multipart })
        {
            var (read, problem) = Run(RequestBodyReader.ReadAsync(Request(body, contentType), ChatBody.Form, CancellationToken.None));
            if (read is null)
            {
                CheckProblem(problem!, null);
                continue;
            }

            using (read)
            {
                var (question, refused) = AssistantForms.Question(read);
                if (Valid(question, refused) && !question!.Opening)
                {
                    _ = ChatPrompts.ChatMessages(question.Chat);
                }

                var (suggestions, unread) = AssistantForms.Suggestions(read);
                _ = Valid(suggestions, unread);
            }
        }
    }

    /// <summary>The signed-in routes' bodies: the profile and a suggestion's read mark.</summary>
    public static void People(byte[] body)
    {
        var (profile, problem) = Run(RequestBodyReader.ReadJsonAsync(Request(body, Json), PeopleBody.Rules, PeopleJsonContext.Default.ProfileRequest, CancellationToken.None));
        if (problem is not null)
        {
            CheckProblem(problem, null);
        }
        else if (ProfileRules.Validate(profile!, new DateOnly(2026, 12, 6)) is { Count: > 0 } errors)
        {
            CheckProblem(PeopleProblems.Invalid(errors), null);
        }

        var (_, refused) = Run(RequestBodyReader.ReadJsonAsync(Request(body, Json), PeopleBody.Rules, PeopleJsonContext.Default.SuggestionUpdate, CancellationToken.None));
        if (refused is not null)
        {
            CheckProblem(refused, null);
        }
    }

    /// <summary>
    /// The headers the app reads itself, each line of the input one value (as Latin-1, as a header's bytes
    /// arrive): <c>X-Forwarded-For</c> (who the client is), <c>Accept</c> (HTML or JSON) and <c>Content-Type</c>.
    /// </summary>
    public static void Headers(byte[] input)
    {
        var lines = Encoding.Latin1.GetString(input).Split('\n');
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = new StringValues(lines);
        context.Request.Headers.Accept = new StringValues(lines);
        for (var hops = 1; hops <= 3; hops++)
        {
            var client = ClientAddress.Of(context.Request, hops);
            Require(client.Length is > 0 and <= 64, "a client address is 1 to 64 characters");
        }

        _ = context.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
        foreach (var line in lines)
        {
            var problem = Run(RequestBodyReader.ReadAsync(Request("{}"u8.ToArray(), line), PredictionBody.Rules, CancellationToken.None)).Problem;
            var charset = ContentTypes.UnreadableCharset(line);
            Require(charset is null || problem?.StatusCode == 415, "an unreadable charset is never read");
        }
    }

    private static void CheckPrediction(DiseaseDefinition disease, byte[] body, string contentType)
    {
        var (batch, problem) = Run(PredictionBody.ReadAsync(disease, Request(body, contentType), CancellationToken.None));
        Require((batch is null) != (problem is null), "a read gives patients or a problem");
        if (problem is not null)
        {
            CheckProblem(problem, disease);
            return;
        }

        Require(batch!.Count is >= 1 and <= JsonPatientReader.MaxBatch, "a batch holds 1 to 1000 patients");
        CheckPatients(disease, batch);
    }

    private static void CheckPatients(DiseaseDefinition disease, PatientBatch batch)
    {
        Require(batch.Values.Length == batch.Count * disease.Fields.Count, "a batch has every field of every patient");
        for (var p = 0; p < batch.Count; p++)
        {
            for (var f = 0; f < disease.Fields.Count; f++)
            {
                var value = batch.Value(p, f);
                var field = disease.Fields[f];
                Require(double.IsNaN(value) ? !field.Required : double.IsFinite(value) && value >= field.Min && value <= field.Max,
                    "a value read is a finite number within its field's range, or absent for an optional field");
            }
        }
    }

    /// <summary>True for a value that passed the chat's bounds; a problem is checked.</summary>
    private static bool Valid<T>(T? value, Problem? problem)
        where T : class, IChatBody<T>
    {
        Require((value is null) != (problem is null), "a read gives a value or a problem");
        if (problem is not null)
        {
            CheckProblem(problem, null);
            return false;
        }

        if (value!.Validate() is { Count: > 0 } errors)
        {
            CheckProblem(ChatProblems.Invalid(errors), null);
            return false;
        }

        return true;
    }

    private static SiteLinks? _links;

    /// <summary>
    /// The links of a page the API answers with a site configured: the larger of the two pages. Built on first
    /// use, never in the static constructor: that runs before SharpFuzz maps AFL++'s coverage memory, and the
    /// app's instrumented code would write to it.
    /// </summary>
    internal static SiteLinks Links => _links ??= SiteLinks.AnsweredBy(new Uri("https://site.example/"));

    /// <summary>The disease's page answering a refused form: every field echoed at the longest a page echoes, with the problem's messages.</summary>
    internal static string ProblemPage(DiseaseDefinition disease, Problem problem)
    {
        var typed = disease.Fields.SelectMany(f => new[] { KeyValuePair.Create(f.Name, new string('9', 200)), KeyValuePair.Create(f.Name + ".unit", new string('u', 200)) })
            .ToDictionary(p => p.Key, p => p.Value);
        var errors = problem.Errors is { } listed ? new Dictionary<string, string[]>(listed) : new Dictionary<string, string[]>();
        return DiseasePage.Render(Links, disease, new FormState(typed, errors, errors.Count == 0 ? problem.Details.Detail : null));
    }

    private static void CheckProblem(Problem problem, DiseaseDefinition? disease)
    {
        Require(problem.StatusCode is 400 or 413 or 415, "a refusal is 400, 413 or 415");
        Require(problem.Errors is null || problem.Errors.Values.Sum(m => m.Length) <= Errors.MaxListed, "a problem lists at most 50 messages");
        Require(JsonSerializer.SerializeToUtf8Bytes(problem.Details, problem.Details.GetType(), ProblemJson).Length <= MaxProblemBytes, "a problem is at most 16 KB as JSON");
        Require(Encoding.UTF8.GetByteCount(ChatPageFunction.Refused(Links, problem, new string('q', ChatLimits.MaxMessageChars)).Html) <= MaxProblemBytes,
            "a problem is at most 16 KB as the assistant's page");
        if (disease is not null)
        {
            Require(Encoding.UTF8.GetByteCount(ProblemPage(disease, problem)) <= MaxProblemBytes, "a problem is at most 16 KB as HTML");
        }
    }

    private static T Run<T>(ValueTask<T> read) => read.AsTask().GetAwaiter().GetResult();

    private static HttpRequest Request(byte[] body, string contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        return context.Request;
    }

    private static void Require(bool condition, string promise)
    {
        if (!condition)
        {
            throw new ReaderBroke(promise);
        }
    }
}

/// <summary>A reader broke one of its promises (see <see cref="ReaderTargets"/>).</summary>
internal sealed class ReaderBroke(string promise) : Exception("A reader broke its promise: " + promise);
