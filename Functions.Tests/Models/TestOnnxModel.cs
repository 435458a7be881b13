using Google.Protobuf;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>
/// Builds small ONNX models in code (ModelProto hand-encoded with protobuf), so tests can make a model
/// that follows the manifest contract, or one with wrong inputs, without any tool or file:
/// inputs float32 [N,1] → NaN to 0 → Concat → MatMul(weights) → Add(bias) [+ Σ wₖ·xₐ·x_b for each interaction]
/// → Sigmoid → output ([N,1], or [N]); optionally the sigmoid's input as a second output (the log-odds).
/// </summary>
internal static class TestOnnxModel
{
    public const string Output = "probability";

    private const int Float = 1;
    private const int Int64 = 7;

    public const string LogOdds = "log_odds";

    /// <param name="interactions">Products of two inputs added to the log-odds (a model that is not additive), each with its weight.</param>
    /// <param name="withLogOdds">Also output the log-odds as <see cref="LogOdds"/>.</param>
    public static byte[] Build(
        IReadOnlyList<string> inputs, IReadOnlyList<float> weights, float bias, string output = Output, bool flatOutput = false,
        IReadOnlyList<(int A, int B, float Weight)>? interactions = null, bool withLogOdds = false)
    {
        interactions ??= [];
        var graph = Message(g =>
        {
            // Like the real models, impute a missing (NaN) value: here with 0.
            foreach (var input in inputs)
            {
                Field(g, 1, Node("IsNaN", [input], [input + "_isnan"]));
                Field(g, 1, Node("Where", [input + "_isnan", "zero", input], [input + "_imputed"]));
            }

            Field(g, 1, Node("Concat", [.. inputs.Select(i => i + "_imputed")], ["features"], Message(a => { Field(a, 1, "axis"); Field(a, 20, 2L); Field(a, 3, 1L); })));
            Field(g, 1, Node("MatMul", ["features", "weights"], ["logit0"]));
            Field(g, 1, Node("Add", ["logit0", "bias"], [interactions.Count == 0 ? "logit" : "logit_0"]));
            for (var k = 0; k < interactions.Count; k++)
            {
                var (a, b, _) = interactions[k];
                Field(g, 1, Node("Mul", [inputs[a] + "_imputed", inputs[b] + "_imputed"], [$"product_{k}"]));
                Field(g, 1, Node("Mul", [$"product_{k}", $"interaction_{k}"], [$"term_{k}"]));
                Field(g, 1, Node("Add", [$"logit_{k}", $"term_{k}"], [k == interactions.Count - 1 ? "logit" : $"logit_{k + 1}"]));
            }

            Field(g, 1, Node("Sigmoid", ["logit"], [flatOutput ? "probability2d" : output]));
            if (withLogOdds)
            {
                Field(g, 1, Node("Identity", ["logit"], [LogOdds]));
            }
            if (flatOutput)
            {
                Field(g, 1, Node("Reshape", ["probability2d", "flat"], [output]));
            }

            Field(g, 2, "test-graph");
            Field(g, 5, FloatTensor("weights", [inputs.Count, 1], weights));
            Field(g, 5, FloatTensor("bias", [1], [bias]));
            Field(g, 5, FloatTensor("zero", [1], [0f]));
            for (var k = 0; k < interactions.Count; k++)
            {
                Field(g, 5, FloatTensor($"interaction_{k}", [1], [interactions[k].Weight]));
            }
            if (flatOutput)
            {
                Field(g, 5, Message(t => { Packed(t, 1, [1L]); Field(t, 2, (long)Int64); Packed(t, 7, [-1L]); Field(t, 8, "flat"); }));
            }

            foreach (var input in inputs)
            {
                Field(g, 11, ValueInfo(input, flatOutput: false));
            }

            Field(g, 12, ValueInfo(output, flatOutput));
            if (withLogOdds)
            {
                Field(g, 12, ValueInfo(LogOdds, flatOutput: false));
            }
        });

        return Message(m =>
        {
            Field(m, 1, 7L);
            Field(m, 2, "HealthOracle.Functions.Tests");
            Field(m, 7, graph);
            Field(m, 8, Message(o => { Field(o, 1, string.Empty); Field(o, 2, 13L); }));
        });
    }

    /// <summary>Weights that make every field count a little, so different patients score differently.</summary>
    public static float[] SpreadWeights(int count) => [.. Enumerable.Range(0, count).Select(i => (i % 2 == 0 ? 0.01f : -0.01f) * (i + 1))];

    private static byte[] Node(string op, string[] inputs, string[] outputs, byte[]? attribute = null) => Message(n =>
    {
        foreach (var input in inputs)
        {
            Field(n, 1, input);
        }

        foreach (var output in outputs)
        {
            Field(n, 2, output);
        }

        Field(n, 3, op + "_" + outputs[0]);
        Field(n, 4, op);
        if (attribute is not null)
        {
            Field(n, 5, attribute);
        }
    });

    private static byte[] FloatTensor(string name, long[] dims, IReadOnlyList<float> values) => Message(t =>
    {
        Packed(t, 1, dims);
        Field(t, 2, (long)Float);
        t.WriteTag(4, WireFormat.WireType.LengthDelimited);
        t.WriteLength(values.Count * 4);
        foreach (var value in values)
        {
            t.WriteFloat(value);
        }

        Field(t, 8, name);
    });

    private static byte[] ValueInfo(string name, bool flatOutput) => Message(v =>
    {
        Field(v, 1, name);
        var shape = Message(s =>
        {
            Field(s, 1, Message(d => Field(d, 2, "N")));
            if (!flatOutput)
            {
                Field(s, 1, Message(d => Field(d, 1, 1L)));
            }
        });
        Field(v, 2, Message(type => Field(type, 1, Message(tensor => { Field(tensor, 1, (long)Float); Field(tensor, 2, shape); }))));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    private static void Field(CodedOutputStream output, int number, byte[] message)
    {
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    private static void Field(CodedOutputStream output, int number, string text)
    {
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteString(text);
    }

    private static void Field(CodedOutputStream output, int number, long value)
    {
        output.WriteTag(number, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    private static void Packed(CodedOutputStream output, int number, long[] values)
    {
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteLength(values.Sum(v => CodedOutputStream.ComputeInt64Size(v)));
        foreach (var value in values)
        {
            output.WriteInt64(value);
        }
    }
}
