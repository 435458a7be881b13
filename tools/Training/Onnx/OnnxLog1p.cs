using System.Text;
using Google.Protobuf;

namespace HealthOracle.Training.Onnx;

/// <summary>
/// Writes y = ln(x + 1) for some graph inputs into an ONNX model, because ML.NET cannot export a logarithm:
/// a Constant 1, then an Add and a Log node per input at the head of the graph, and every node that read the
/// input reads its logarithm instead. The graph's inputs keep their names, types and order. It edits the
/// protobuf wire format (onnx.proto: ModelProto.graph = 7, GraphProto.node = 1, NodeProto.input = 1) and
/// copies every other field byte for byte.
/// </summary>
internal static class OnnxLog1p
{
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int NodeInput = 1;
    private const string One = "log1p/one";

    public static byte[] Prepend(byte[] model, IReadOnlyList<string> inputs)
    {
        var logOf = inputs.ToDictionary(i => i, i => $"log1p/{i}");
        return OnnxProto.Rewrite(model, ModelGraph, graph =>
        {
            var head = new OnnxProto.Writer();
            head.Message(GraphNode, OnnxProto.Node([], One, "Log1pOne", "Constant", ScalarOneAttribute()));
            foreach (var (input, log) in logOf)
            {
                head.Message(GraphNode, OnnxProto.Node([input, One], $"{log}/plus1", $"Log1pAdd_{input}", "Add"));
                head.Message(GraphNode, OnnxProto.Node([$"{log}/plus1"], log, $"Log1p_{input}", "Log"));
            }

            var rest = OnnxProto.Rewrite(graph, GraphNode, node => OnnxProto.Rewrite(node, NodeInput, name =>
                logOf.TryGetValue(Encoding.UTF8.GetString(name), out var log) ? Encoding.UTF8.GetBytes(log) : name));
            return [.. head.ToArray(), .. rest];
        });
    }

    // AttributeProto { name = 1: "value", t = 5: TensorProto { data_type = 2: FLOAT (1), float_data = 4 (packed): [1] }, type = 20: TENSOR (4) }.
    private static byte[] ScalarOneAttribute()
    {
        var tensor = new OnnxProto.Writer();
        tensor.Varint(2, 1);
        tensor.Bytes(4, BitConverter.GetBytes(1f));
        var attribute = new OnnxProto.Writer();
        attribute.String(1, "value");
        attribute.Message(5, tensor.ToArray());
        attribute.Varint(20, 4);
        return attribute.ToArray();
    }
}
