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
        return Rewrite(model, ModelGraph, graph =>
        {
            var head = new ProtoWriter();
            head.Message(GraphNode, Node([], One, "Log1pOne", "Constant", ScalarOneAttribute()));
            foreach (var (input, log) in logOf)
            {
                head.Message(GraphNode, Node([input, One], $"{log}/plus1", $"Log1pAdd_{input}", "Add"));
                head.Message(GraphNode, Node([$"{log}/plus1"], log, $"Log1p_{input}", "Log"));
            }

            var rest = Rewrite(graph, GraphNode, node => Rewrite(node, NodeInput, name =>
                logOf.TryGetValue(Encoding.UTF8.GetString(name), out var log) ? Encoding.UTF8.GetBytes(log) : name));
            return [.. head.ToArray(), .. rest];
        });
    }

    /// <summary>The message with each length-delimited occurrence of <paramref name="field"/> replaced by <paramref name="edit"/> of its bytes.</summary>
    private static byte[] Rewrite(byte[] message, int field, Func<byte[], byte[]> edit)
    {
        var input = new CodedInputStream(message);
        var output = new ProtoWriter();
        while (true)
        {
            var start = (int)input.Position;
            var tag = input.ReadTag();
            if (tag == 0)
            {
                return output.ToArray();
            }

            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                output.Bytes(field, edit(input.ReadBytes().ToByteArray()));
            }
            else
            {
                input.SkipLastField();
                output.Raw(message.AsSpan(start, (int)input.Position - start));
            }
        }
    }

    // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
    private static byte[] Node(string[] inputs, string output, string name, string opType, byte[]? attribute = null)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output);
        node.String(3, name);
        node.String(4, opType);
        if (attribute is not null)
        {
            node.Message(5, attribute);
        }

        return node.ToArray();
    }

    // AttributeProto { name = 1: "value", t = 5: TensorProto { data_type = 2: FLOAT (1), float_data = 4 (packed): [1] }, type = 20: TENSOR (4) }.
    private static byte[] ScalarOneAttribute()
    {
        var tensor = new ProtoWriter();
        tensor.Varint(2, 1);
        tensor.Bytes(4, BitConverter.GetBytes(1f));
        var attribute = new ProtoWriter();
        attribute.String(1, "value");
        attribute.Message(5, tensor.ToArray());
        attribute.Varint(20, 4);
        return attribute.ToArray();
    }

    private sealed class ProtoWriter
    {
        private readonly MemoryStream _stream = new();

        public void Varint(int field, ulong value)
        {
            WriteVarint((ulong)field << 3);
            WriteVarint(value);
        }

        public void Bytes(int field, ReadOnlySpan<byte> value)
        {
            WriteVarint(((ulong)field << 3) | 2);
            WriteVarint((ulong)value.Length);
            _stream.Write(value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, byte[] message) => Bytes(field, message);

        public void Raw(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

        public byte[] ToArray() => _stream.ToArray();

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _stream.WriteByte((byte)value);
        }
    }
}
