using System.Globalization;
using System.Text;
using CsCheck;
using HealthOracle.Diseases;
using HealthOracle.Fuzz;

namespace HealthOracle.Functions.Tests.Fuzzing;

/// <summary>
/// Property tests over every route's reader, each through the one pipeline: any bytes, any JSON shape, any form,
/// any what-if, chat body or form, profile or read mark, any header gives a value or a 4xx problem of at most <see cref="ReaderTargets.MaxProblemBytes"/>, never an
/// exception. The promises are checked by <see cref="ReaderTargets"/>, the fuzzer's own targets.
/// </summary>
public sealed class ReaderPropertyTests
{
    private const int Iterations = 400;

    private static readonly string[] Names = [.. DiseaseCatalog.All.SelectMany(d => d.Fields.Select(f => f.Name)).Distinct(), "nope", "Age", "__RequestVerificationToken", "", "\\u0061ge", "\\ud800"];

    /// <summary>Number-ish and hostile JSON values.</summary>
    private static readonly Gen<string> Scalar = Gen.Frequency(
        (4, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e400")),
        (4, Gen.Int[-10, 800].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("null", "true", "false", "\"\"", "\" 63 \"", "\"NaN\"", "\"-Infinity\"", "\"6\\ud8003\"", "\"\\udc00\"", "\"\\u0036\\u0033\"", "-0", "1e-400", "00", "1.", "\"1,5\"")),
        (2, Gen.String[0, 12].Select(s => "\"" + Escape(s) + "\"")));

    private static readonly Gen<string> Name = Gen.Frequency(
        (6, Gen.OneOf(Names)),
        (1, Gen.String[0, 10].Select(Escape)),
        (1, Gen.Char['a', 'z'].Array[60, 300].Select(c => new string(c))));

    private static readonly Gen<string> Patient = Gen.Select(Name, Scalar).Array[0, 30]
        .Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}");

    private static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, inner) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (2, Patient),
            (1, inner.Array[0, 6].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Name, inner).Array[0, 6].Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}"))));

    /// <summary>Mostly well-formed bodies (patients and batches of them), sometimes cut or padded.</summary>
    private static readonly Gen<byte[]> JsonBody = Gen.Frequency(
        (3, Patient),
        (3, Patient.Array[0, 40].Select(patients => "[" + string.Join(",", patients) + "]")),
        (2, JsonValue),
        (1, Gen.Select(JsonValue, Gen.Int[0, 100]).Select((json, cut) => json[..(json.Length * cut / 100)])))
        .Select(Encoding.UTF8.GetBytes);

    /// <summary>What-ifs: a patient and changes (each maybe missing, repeated or not an object), and other names.</summary>
    private static readonly Gen<byte[]> WhatIfBodies = Gen.Frequency(
            (4, Gen.Select(Patient, Patient).Select((patient, changes) => $"{{\"patient\":{patient},\"changes\":{changes}}}")),
            (2, Gen.Select(Gen.OneOf("patient", "changes", "extra", "\\ud800", "Patient"), Gen.Frequency((3, Patient), (1, JsonValue))).Array[0, 5]
                .Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}")),
            (1, JsonValue))
        .Select(Encoding.UTF8.GetBytes);

    /// <summary>Profiles and read marks: the right names mostly, values of any kind, names repeated.</summary>
    private static readonly Gen<byte[]> PeopleBodies = Gen.Select(
            Gen.OneOf("dateOfBirth", "sex", "bloodGroup", "read", "name", "\\ud800", "Sex"),
            Gen.Frequency((2, Gen.OneOf("\"1961-03-15\"", "\"female\"", "\"AB-\"", "true", "null", "\"2999-01-01\"", "\"1961-02-30\"")), (2, Scalar), (1, JsonValue)))
        .Array[0, 8]
        .Select(pairs => Encoding.UTF8.GetBytes("{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}"));

    private static readonly Gen<string> FormPart = Gen.Frequency(
        (4, Gen.OneOf(Names)),
        (2, Gen.String[0, 8].Select(Uri.EscapeDataString)),
        (1, Gen.Byte.Array[0, 6].Select(bytes => string.Concat(bytes.Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture))))),
        (1, Gen.OneOf("%", "%F", "%zz", "+", "=", "&", "%u0041")));

    private static readonly Gen<byte[]> UrlEncoded = Gen.Select(FormPart, Gen.Frequency((3, Scalar.Select(s => s.Trim('"'))), (1, FormPart))).Array[0, 40]
        .Select(pairs => Encoding.UTF8.GetBytes(string.Join("&", pairs.Select(p => p.Item1 + "=" + p.Item2))));

    private static readonly Gen<byte[]> Multipart = Gen.Select(Gen.OneOf(Names), Scalar, Gen.OneOf("", "Content-Type: text/plain; charset=utf-16\r\n", "Content-Type: application/octet-stream\r\n", "X: y\r\n"), Gen.Bool).Array[0, 20]
        .Select(parts =>
        {
            var body = new StringBuilder();
            foreach (var (name, value, header, file) in parts)
            {
                body.Append("--").Append(ReaderTargets.MultipartBoundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(name).Append('"')
                    .Append(file ? "; filename=\"a.txt\"" : string.Empty).Append("\r\n").Append(header).Append("\r\n").Append(value.Trim('"')).Append("\r\n");
            }

            return Encoding.UTF8.GetBytes(body.Append("--").Append(ReaderTargets.MultipartBoundary).Append("--\r\n").ToString());
        });

    /// <summary>The assistant's form: a message and the conversation's hidden pairs, sometimes unpaired, other names too.</summary>
    private static readonly Gen<byte[]> ChatForms = Gen.Select(Gen.OneOf("message", "history_user", "history_model", "x"), Gen.String[0, 30].Select(Uri.EscapeDataString)).Array[0, 50]
        .Select(pairs => Encoding.UTF8.GetBytes(string.Join("&", pairs.Select(p => p.Item1 + "=" + p.Item2))));

    private static readonly Gen<byte[]> ChatBodies = Gen.Select(
            Gen.Frequency((3, Gen.String[0, 40].Select(s => "\"" + Escape(s) + "\"")), (1, Scalar)),
            Gen.Select(Gen.OneOf("\"user\"", "\"model\"", "\"system\"", "null", "1"), Gen.String[0, 20].Select(s => "\"" + Escape(s) + "\"")).Array[0, 25],
            Gen.Select(Gen.OneOf(DiseaseCatalog.Keys.Append("cancer").Select(k => "\"" + k + "\"").ToArray()), Scalar, Gen.Select(Name, Scalar).Array[0, 45], Gen.Bool))
        .Select((message, history, prediction) =>
        {
            var (disease, risk, inputs, withPrediction) = prediction;
            var json = new StringBuilder("{\"message\":").Append(message)
                .Append(",\"history\":[").AppendJoin(",", history.Select(t => $"{{\"role\":{t.Item1},\"text\":{t.Item2}}}")).Append(']');
            if (withPrediction)
            {
                json.Append(",\"prediction\":{\"disease\":").Append(disease).Append(",\"riskPercentage\":").Append(risk)
                    .Append(",\"inputs\":{").AppendJoin(",", inputs.Select(i => $"\"{i.Item1}\":{i.Item2}")).Append("}}");
            }

            return Encoding.UTF8.GetBytes(json.Append('}').ToString());
        });

    private static readonly Gen<byte[]> HeaderLines = Gen.Frequency(
            (2, Gen.Select(Gen.Int[0, 255], Gen.Int[0, 255], Gen.Int[0, 65535]).Select((a, b, port) => $"203.0.{a}.{b}:{port}")),
            (1, Gen.OneOf("[2001:db8::1]:443", "::ffff:198.51.100.9", "unknown", "", " , ", "text/html;q=0.9", "*/*;q=abc", "application/json; charset=\"utf-16\"", "multipart/form-data; boundary=", "a/b; charset=")),
            (1, Gen.String[0, 30]))
        .Array[0, 8].Select(lines => Encoding.Latin1.GetBytes(string.Join("\n", lines)));

    [Fact]
    public void AnyBytes_EveryReader_AnswersPatientsOrABounded4xx() =>
        Gen.Byte.Array[0, 2048].Sample(bytes =>
        {
            foreach (var target in ReaderTargets.All.Values)
            {
                target(bytes);
            }
        }, iter: Iterations);

    [Fact]
    public void AnyJsonShape_JsonReader_AnswersPatientsOrABounded4xx() =>
        JsonBody.Sample(ReaderTargets.PredictionJson, iter: Iterations);

    [Fact]
    public void AnyUrlEncodedForm_FormReader_AnswersAPatientOrABounded4xx() =>
        UrlEncoded.Sample(ReaderTargets.PredictionForm, iter: Iterations);

    [Fact]
    public void AnyMultipartForm_FormReader_AnswersAPatientOrABounded4xx() =>
        Multipart.Sample(ReaderTargets.PredictionForm, iter: Iterations);

    [Fact]
    public void AnyChatBody_ChatReader_AnswersARequestOrABounded4xx() =>
        ChatBodies.Sample(ReaderTargets.Chat, iter: Iterations);

    [Fact]
    public void AnyWhatIfBody_WhatIfReader_AnswersTwoPatientsOrABounded4xx() =>
        WhatIfBodies.Sample(ReaderTargets.WhatIf, iter: Iterations);

    [Fact]
    public void AnyChatForm_ChatFormReader_AnswersARequestOrABounded4xx() =>
        ChatForms.Sample(ReaderTargets.ChatForm, iter: Iterations);

    [Fact]
    public void AnyProfileOrSuggestionBody_PeopleReaders_AnswerAValueOrABounded4xx() =>
        PeopleBodies.Sample(ReaderTargets.People, iter: Iterations);

    [Fact]
    public void AnyHeaders_HeaderReaders_NeverThrow() =>
        HeaderLines.Sample(ReaderTargets.Headers, iter: Iterations);

    [Fact]
    public void ManyBadPatients_ErrorAnswer_StaysBoundedWhateverTheCount() =>
        Gen.Select(Gen.Int[1, 3000], Gen.Int[0, 60]).Sample((patients, unknown) =>
        {
            var patient = "{" + string.Join(",", Enumerable.Range(0, unknown).Select(i => $"\"x{i}\":{i}")) + "}";
            ReaderTargets.PredictionJson(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(patient, patients)) + "]"));
        }, iter: 30);

    /// <summary>JSON-escapes a string, keeping lone surrogates as <c>\uXXXX</c> escapes (which is what makes them hostile).</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < ' ' || char.IsSurrogate(c) || c > '~')
            {
                escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
