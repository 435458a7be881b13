using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using HealthOracle.Diseases;

namespace HealthOracle.Soak;

/// <summary>
/// The soak's mixed load: every disease (one patient as JSON and as a form, batches), schemas, health, the
/// hostile bodies of issue 18, and chat against the Gemini stand-in. Each kind counts its answers by status.
/// </summary>
internal sealed class SoakLoad(HttpClient client)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private long _requests;
    private long _serverErrors;
    private long _transportErrors;

    public long Requests => Interlocked.Read(ref _requests);

    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    /// <summary>(kind, status) → count, for the report.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    private static readonly (int Weight, string Kind, Func<Random, HttpRequestMessage> Build)[] Mix = Build();

    /// <summary>Runs one loop until <paramref name="until"/> or <paramref name="maxRequests"/>, whichever comes first.</summary>
    public async Task RunAsync(int seed, DateTime until, long maxRequests, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var total = Mix.Sum(m => m.Weight);
        while (DateTime.UtcNow < until && Interlocked.Increment(ref _requests) <= maxRequests && !cancellationToken.IsCancellationRequested)
        {
            var pick = random.Next(total);
            var (_, kind, build) = Mix.First(m => (pick -= m.Weight) < 0);
            using var request = build(random);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    Interlocked.Increment(ref _serverErrors);
                }

                _counts.AddOrUpdate($"{kind} {status}", 1, (_, n) => n + 1);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _transportErrors);
                _counts.AddOrUpdate($"{kind} transport error", 1, (_, n) => n + 1);
            }
        }
    }

    private static (int, string, Func<Random, HttpRequestMessage>)[] Build()
    {
        var diseases = DiseaseCatalog.All;
        return
        [
            (30, "predict json", r => Json($"api/predict/{Pick(r, diseases).Key}", r, (d, rr) => Patient(d, rr))),
            (10, "predict form", r => Form(Pick(r, diseases), r)),
            (6, "predict batch 10", r => Json($"api/predict/{Pick(r, diseases).Key}", r, (d, rr) => Batch(d, rr, 10))),
            (2, "predict batch 1000", r => Json($"api/predict/{Pick(r, diseases).Key}", r, (d, rr) => Batch(d, rr, 1000))),
            (8, "schema", r => new HttpRequestMessage(HttpMethod.Get, $"api/predict/{Pick(r, diseases).Key}")),
            (6, "health", _ => new HttpRequestMessage(HttpMethod.Get, "api/health")),
            (8, "bad value", r => Raw("api/predict/heart", "{\"age\":\"sixty\",\"nope\":1}", "application/json")),
            (3, "bad utf-8", _ => Raw("api/predict/heart", [.. "{\""u8, 0xFF, .. "\":1}"u8], "application/json")),
            (3, "bad surrogate", _ => Raw("api/predict/liver", "{\"age\":\"6\\ud8003\"}", "application/json")),
            (2, "bad 1000 empty patients", _ => Raw("api/predict/heart", "[" + string.Join(",", Enumerable.Repeat("{}", 1000)) + "]", "application/json")),
            (1, "bad 170000 unknown fields", _ => Raw("api/predict/heart", UnknownFields, "application/json")),
            (2, "bad charset", _ => Raw("api/predict/heart", "{}", "application/json; charset=utf-16")),
            (2, "bad form", _ => Raw("api/predict/heart", "--x\r\ngarbage", "multipart/form-data; boundary=x")),
            (6, "chat", r => Raw("api/chat", $$"""{"message":"How can I lower my risk? ({{r.Next(1000)}})","history":[{"role":"user","text":"Hi"},{"role":"model","text":"Hello."}]}""", "application/json")),
            (2, "chat streamed", _ => WithAccept(Raw("api/chat", """{"message":"Tell me about blood pressure."}""", "application/json"), "text/event-stream")),
            (2, "chat suggestions", _ => Raw("api/chat/suggestions", """{"prediction":{"disease":"heart","probability":0.42,"riskPercentage":42,"category":"Moderate","inputs":{"age":63}}}""", "application/json")),
            (2, "chat bad", _ => Raw("api/chat", """{"message":"hi","prediction":{"disease":"heart","riskPercentage":5,"inputs":{"age":"\ud800"}}}""", "application/json")),
        ];
    }

    private static readonly byte[] UnknownFields = Encoding.UTF8.GetBytes("[{" + string.Join(",", Enumerable.Repeat("\"a\":0", 170_000)) + "}]");

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static HttpRequestMessage Json(string path, Random random, Func<DiseaseDefinition, Random, string> body)
    {
        var disease = DiseaseCatalog.Get(path[(path.LastIndexOf('/') + 1)..]);
        return Raw(path, body(disease, random), "application/json");
    }

    private static HttpRequestMessage Form(DiseaseDefinition disease, Random random) =>
        Raw($"api/predict/{disease.Key}", string.Join("&", Values(disease, random).Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value)}")), "application/x-www-form-urlencoded");

    private static string Batch(DiseaseDefinition disease, Random random, int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => Patient(disease, random))) + "]";

    /// <summary>
    /// A valid patient: every required field and some optional ones, inside each field's range. A disease with
    /// cross-field rules (direct bilirubin at most total) gets its fields' midpoints, which keep them.
    /// </summary>
    private static string Patient(DiseaseDefinition disease, Random random) =>
        "{" + string.Join(",", Values(disease, random).Select(v => $"\"{v.Name}\":{v.Value}")) + "}";

    private static IEnumerable<(string Name, string Value)> Values(DiseaseDefinition disease, Random random) => disease.Rules.Count == 0
        ? disease.Fields.Where(f => f.Required || random.Next(2) == 0).Select(f => (f.Name, Value(f, random)))
        : disease.Fields.Where(f => f.Required).Select(f => (f.Name, Value(f, null)));

    private static string Value(HealthOracle.Diseases.Fields.FieldDefinition field, Random? random)
    {
        if (field.Codes is { Count: > 0 } codes)
        {
            return codes[random?.Next(codes.Count) ?? 0].Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var value = random is null ? field.Min + ((field.Max - field.Min) / 2) : field.Min + (random.NextDouble() * (field.Max - field.Min));
        if (field.Kind == HealthOracle.Diseases.Fields.FieldKind.Integer)
        {
            value = Math.Round(value);
        }

        return Math.Round(value, 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static HttpRequestMessage Raw(string path, string body, string contentType) => Raw(path, Encoding.UTF8.GetBytes(body), contentType);

    private static HttpRequestMessage Raw(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static HttpRequestMessage WithAccept(HttpRequestMessage request, string accept)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }
}
