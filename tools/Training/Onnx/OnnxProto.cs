using System.Text;
using Google.Protobuf;

namespace HealthOracle.Training.Onnx;

/// <summary>
/// Just enough of the protobuf wire format to edit an ONNX model in place: read a message's fields, rewrite
/// one length-delimited field, and write new fields. Everything not edited is copied byte for byte.
/// </summary>
internal static class OnnxProto
{
    /// <summary>The message with each length-delimited occurrence of <paramref name="field"/> replaced by <paramref name="edit"/> of its bytes.</summary>
    public static byte[] Rewrite(byte[] message, int field, Func<byte[], byte[]> edit)
    {
        var input = new CodedInputStream(message);
        var output = new Writer();
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

    /// <summary>Every field of a message: its number, and its bytes when it is length-delimited (null otherwise).</summary>
    public static IEnumerable<(int Field, byte[]? Bytes)> Fields(byte[] message)
    {
        var input = new CodedInputStream(message);
        var fields = new List<(int, byte[]?)>();
        while (input.ReadTag() is var tag and not 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add((field, input.ReadBytes().ToByteArray()));
            }
            else
            {
                input.SkipLastField();
                fields.Add((field, null));
            }
        }

        return fields;
    }

    /// <summary>The strings of one repeated string field of a message.</summary>
    public static IEnumerable<string> Strings(byte[] message, int field) =>
        Fields(message).Where(f => f.Field == field && f.Bytes is not null).Select(f => Encoding.UTF8.GetString(f.Bytes!));

    // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
    public static byte[] Node(string[] inputs, string output, string name, string opType, byte[]? attribute = null)
    {
        var node = new Writer();
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

    internal sealed class Writer
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
