using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Fuzz;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.Fuzzing;

/// <summary>
/// The fuzzer's seeds, taken from the tests' own bodies (valid patients of every disease, the bad values and
/// bodies the reader tests use, the hostile bodies of issue 18, chat requests), per target of
/// <see cref="ReaderTargets"/>. Committed under bench/Fuzz/corpus/; <see cref="FuzzCorpusTests"/> keeps them in step.
/// </summary>
internal static class FuzzCorpus
{
    public static string Folder(string kind, string target) => Path.Combine(HealthOracle.Functions.Tests.TestSupport.RepositoryPaths.Root, "bench", "Fuzz", kind, target);

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> Seeds { get; } = new Dictionary<string, IReadOnlyDictionary<string, byte[]>>
    {
        ["json"] = JsonSeeds(),
        ["form"] = FormSeeds(),
        ["whatif"] = WhatIfSeeds(),
        ["chat"] = ChatSeeds(),
        ["chatform"] = ChatFormSeeds(),
        ["people"] = PeopleSeeds(),
        ["headers"] = HeaderSeeds(),
    };

    private static Dictionary<string, byte[]> JsonSeeds()
    {
        var seeds = new Dictionary<string, byte[]>();
        foreach (var disease in DiseaseCatalog.Keys)
        {
            seeds[$"{disease}-patient.json"] = Utf8(TestPatients.Json(disease));
            seeds[$"{disease}-batch.json"] = Utf8(TestPatients.Array(disease, 2));
            seeds[$"{disease}-camel.json"] = Utf8(TestPatients.Json(disease, rename: HealthOracle.Functions.Predictions.Requests.FieldRules.ToCamelCase));
        }

        string[] values = ["null", "63.5", "121", "\"sixty\"", "true", "\"NaN\"", "1e400", "-5", "{}", "[1]", "\"6\\ud8003\"", "\"\\u0036\\u0033\"", "\" 63 \""];
        for (var i = 0; i < values.Length; i++)
        {
            seeds[$"heart-age-{i}.json"] = Utf8(TestPatients.Json("heart", "age", values[i]));
        }

        seeds["heart-missing-age.json"] = Utf8(TestPatients.Json("heart", "age", TestPatients.Omit));
        seeds["duplicate.json"] = Utf8("{\"age\":63,\"age\":64}");
        seeds["unknown.json"] = Utf8("{\"agee\":63,\"\\ud800x\":1}");
        seeds["empty-batch.json"] = Utf8("[]");
        seeds["empty-patients.json"] = Utf8("[{},{},{}]");
        seeds["numbers.json"] = Utf8("[1,2,3]");
        seeds["trailing.json"] = Utf8("{\"age\":63}}");
        seeds["bom.json"] = [0xEF, 0xBB, 0xBF, .. Utf8(TestPatients.Json("heart"))];
        seeds["invalid-utf8.json"] = [.. Utf8("{\""), 0xFF, .. Utf8("\":1}")];
        return seeds;
    }

    private static Dictionary<string, byte[]> FormSeeds()
    {
        var seeds = new Dictionary<string, byte[]>();
        foreach (var disease in DiseaseCatalog.Keys)
        {
            seeds[$"{disease}.urlencoded"] = Utf8(TestPatients.Form(disease) + "&submit=Predict&__RequestVerificationToken=abc");
            seeds[$"{disease}.multipart"] = Multipart(TestPatients.Valid[disease]);
        }

        string[] pairs = ["age=63&age=64", "age=NaN", "age=Infinity", "age=abc", "age=", "thal=4", "age=%FF", "a=%", "=&=&"];
        for (var i = 0; i < pairs.Length; i++)
        {
            seeds[$"heart-{i}.urlencoded"] = Utf8(pairs[i]);
        }

        seeds["garbage.multipart"] = Utf8("--nope\r\ngarbage");
        return seeds;
    }

    private static Dictionary<string, byte[]> ChatSeeds()
    {
        const string prediction = """{ "disease": "heart", "probability": 0.8123, "riskPercentage": 81.23, "category": "High", "inputs": { "age": 63, "sex": 1, "note": "x" }, "model": { "name": "heart-risk", "version": "2026.11.1" } }""";
        return new Dictionary<string, byte[]>
        {
            ["question.json"] = Utf8("""{ "message": "Does exercise help the heart?" }"""),
            ["history.json"] = Utf8("""{ "message": "What should I ask?", "history": [ { "role": "user", "text": "What does it mean?" }, { "role": "model", "text": "An estimate." } ] }"""),
            ["prediction.json"] = Utf8($$"""{ "message": "What now?", "prediction": {{prediction}} }"""),
            ["suggestions.json"] = Utf8($$"""{ "prediction": {{prediction}} }"""),
            ["surrogate.json"] = Utf8("""{"message":"hi","prediction":{"disease":"heart","riskPercentage":5,"inputs":{"age":"\ud800"}}}"""),
            ["bad-role.json"] = Utf8("""{"message":"hi","history":[{"role":"system","text":"x"}]}"""),
            ["not-object.json"] = Utf8("[1,2]"),
        };
    }

    private static Dictionary<string, byte[]> WhatIfSeeds()
    {
        var seeds = new Dictionary<string, byte[]>();
        foreach (var disease in DiseaseCatalog.Keys)
        {
            var field = DiseaseCatalog.Get(disease).Fields[^1];
            seeds[$"{disease}.json"] = Utf8($$$"""{"patient":{{{TestPatients.Json(disease)}}},"changes":{"{{{field.Name}}}":{{{field.Codes?[0].Value ?? field.Max}}}}}""");
        }

        var heart = TestPatients.Json("heart");
        seeds["no-changes.json"] = Utf8($$$"""{"patient":{{{heart}}},"changes":{}}""");
        seeds["twice.json"] = Utf8($$$"""{"patient":{{{heart}}},"patient":{{{heart}}},"changes":{"trestbps":120}}""");
        seeds["changes-twice.json"] = Utf8($$$"""{"patient":{{{heart}}},"changes":{"trestbps":120,"trestbps":130}}""");
        seeds["null-change.json"] = Utf8($$$"""{"patient":{{{heart}}},"changes":{"age":null}}""");
        seeds["extra.json"] = Utf8($$$"""{"patient":{{{heart}}},"changes":{"trestbps":120},"\ud800":1}""");
        seeds["not-object.json"] = Utf8("""{"patient":[],"changes":1}""");
        return seeds;
    }

    private static Dictionary<string, byte[]> ChatFormSeeds() => new()
    {
        ["question.urlencoded"] = Utf8("message=Does+exercise+help%3F"),
        ["conversation.urlencoded"] = Utf8("history_user=What+is+it%3F&history_model=An+estimate.&message=And+now%3F"),
        ["unpaired.urlencoded"] = Utf8("history_user=a&history_user=b&history_model=c&message=x"),
        ["empty.urlencoded"] = Utf8("message="),
    };

    private static Dictionary<string, byte[]> PeopleSeeds() => new()
    {
        ["profile.json"] = Utf8("""{"dateOfBirth":"1961-03-15","sex":"female","bloodGroup":"AB-"}"""),
        ["profile-twice.json"] = Utf8("""{"sex":"female","sex":"male"}"""),
        ["profile-unknown.json"] = Utf8("""{"name":"Ada"}"""),
        ["profile-bad-date.json"] = Utf8("""{"dateOfBirth":"1961-02-30"}"""),
        ["read.json"] = Utf8("""{"read":true}"""),
        ["read-wrong-type.json"] = Utf8("""{"read":"yes"}"""),
    };

    private static Dictionary<string, byte[]> HeaderSeeds() => new()
    {
        ["forwarded.txt"] = Utf8("198.51.100.66, 203.0.113.5:54321\n127.0.0.1"),
        ["ipv6.txt"] = Utf8("[2001:db8::1]:443\n::ffff:198.51.100.9"),
        ["accept.txt"] = Utf8("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
        ["content-types.txt"] = Utf8("application/json; charset=utf-16\nmultipart/form-data; boundary=b\napplication/problem+json"),
    };

    private static byte[] Multipart((string Name, string Value)[] fields)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            body.Append("--").Append(ReaderTargets.MultipartBoundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n").Append(value).Append("\r\n");
        }

        return Utf8(body.Append("--").Append(ReaderTargets.MultipartBoundary).Append("--\r\n").ToString());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
