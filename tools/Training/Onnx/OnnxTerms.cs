using System.Text;
using HealthOracle.Diseases.Fields;
using HealthOracle.Diseases.Training;
using HealthOracle.Training.Modeling;

namespace HealthOracle.Training.Onnx;

/// <summary>
/// Writes a model's terms (<see cref="TermsTransformer"/>) into its ONNX graph, because ML.NET can export neither a
/// logarithm nor the eGFR equation: at the head of the graph, per field, the term (ln(x + 1) by Add and Log, a derived
/// quantity from its inputs, or the raw value) and its imputation (IsNaN and Where with the population mean), and every
/// node that read the raw input reads the imputed term instead. The features' terms before imputation (NaN where a
/// value is missing) are concatenated into a second output, <see cref="Output"/> [N, features], which the app reads
/// in the same run to compute each estimate's interval. The graph's inputs keep their names, types and order. It edits
/// the protobuf wire format (onnx.proto: ModelProto.graph = 7, GraphProto.node = 1, GraphProto.output = 12,
/// NodeProto.input = 1) and copies every other field byte for byte.
/// </summary>
internal static class OnnxTerms
{
    public const string Output = "Terms.output";

    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphOutput = 12;
    private const int NodeInput = 1;

    public static byte[] Prepend(byte[] model, TermsTransformer terms)
    {
        var shape = terms.Shape;
        var fields = shape.Disease.Fields;
        var head = new OnnxProto.Writer();
        var constants = new Constants();
        var imputed = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new string[fields.Count];
        for (var f = 0; f < fields.Count; f++)
        {
            var input = fields[f].Name;
            var prefix = $"terms/{input}";
            values[f] = shape.Kinds[f] switch
            {
                TermKind.Log1p => Log1p(head, constants, input, prefix),
                TermKind.Derived => Derived(head, constants, shape.DerivedOf(f)!, [.. shape.DerivedInputs(f).Select(i => fields[i].Name)], prefix),
                _ => input,
            };
            head.Message(GraphNode, OnnxProto.Node([values[f]], $"{prefix}/missing", $"TermMissing_{input}", "IsNaN"));
            head.Message(GraphNode, OnnxProto.Node([$"{prefix}/missing", constants.Of(terms.Imputation[f]), values[f]], $"{prefix}/imputed", $"TermImpute_{input}", "Where"));
            imputed[input] = $"{prefix}/imputed";
        }

        head.Message(GraphNode, OnnxProto.Node([.. shape.Features.Select(f => values[f])], Output, "TermsConcat", "Concat", IntAttribute("axis", 1)));
        return OnnxProto.Rewrite(model, ModelGraph, graph =>
        {
            var rest = OnnxProto.Rewrite(graph, GraphNode, node => OnnxProto.Rewrite(node, NodeInput, name =>
                imputed.TryGetValue(Encoding.UTF8.GetString(name), out var term) ? Encoding.UTF8.GetBytes(term) : name));
            var tail = new OnnxProto.Writer();
            tail.Message(GraphOutput, FloatMatrix(Output, shape.Features.Count));
            return [.. constants.Nodes(), .. head.ToArray(), .. rest, .. tail.ToArray()];
        });
    }

    private static string Log1p(OnnxProto.Writer head, Constants constants, string input, string prefix)
    {
        head.Message(GraphNode, OnnxProto.Node([input, constants.Of(1f)], $"{prefix}/plus1", $"Log1pAdd_{input}", "Add"));
        head.Message(GraphNode, OnnxProto.Node([$"{prefix}/plus1"], $"{prefix}/log1p", $"Log1p_{input}", "Log"));
        return $"{prefix}/log1p";
    }

    /// <summary>The derived term's nodes, reading the raw inputs; returns the tensor that holds it.</summary>
    private static string Derived(OnnxProto.Writer head, Constants constants, DerivedTerm term, string[] inputs, string prefix) => term.Formula switch
    {
        DerivedFormula.LnEgfrCkdEpi2021 => LnEgfr(head, constants, inputs[0], inputs[1], inputs[2], prefix),
        _ => throw new InvalidOperationException($"No graph for {term.Formula}."),
    };

    /// <summary>
    /// ln eGFR = w·Lₘ + (1 − w)·L_f + age·ln 0.9938, where L = ln 142 + α·min(ln Scr − ln κ, 0) − 1.2·max(ln Scr − ln κ, 0)
    /// + ln(sex factor) for each sex and w = the sex code (1 male, 0 female), or ½ when it is missing (<see cref="Egfr"/>).
    /// </summary>
    private static string LnEgfr(OnnxProto.Writer head, Constants constants, string creatinine, string age, string sex, string prefix)
    {
        void Node(string op, string output, params string[] inputs) => head.Message(GraphNode, OnnxProto.Node(inputs, $"{prefix}/{output}", $"Egfr_{output}", op));
        string T(string name) => $"{prefix}/{name}";

        Node("Log", "lnScr", creatinine);
        foreach (var (name, (kappa, alpha, lnSexFactor)) in new[] { ("male", Egfr.MaleConstants), ("female", Egfr.Female) })
        {
            Node("Sub", $"{name}/ratio", T("lnScr"), constants.Of((float)Math.Log(kappa)));
            Node("Min", $"{name}/low", T($"{name}/ratio"), constants.Of(0f));
            Node("Max", $"{name}/high", T($"{name}/ratio"), constants.Of(0f));
            Node("Mul", $"{name}/lowTerm", T($"{name}/low"), constants.Of((float)alpha));
            Node("Mul", $"{name}/highTerm", T($"{name}/high"), constants.Of((float)Egfr.HighSlope));
            Node("Add", $"{name}/sum", T($"{name}/lowTerm"), T($"{name}/highTerm"));
            Node("Add", $"{name}/ln", T($"{name}/sum"), constants.Of((float)(Egfr.LnBase + lnSexFactor)));
        }

        Node("IsNaN", "sexMissing", sex);
        Node("Where", "maleWeight", T("sexMissing"), constants.Of(0.5f), sex);
        Node("Sub", "femaleWeight", constants.Of(1f), T("maleWeight"));
        Node("Mul", "maleShare", T("maleWeight"), T("male/ln"));
        Node("Mul", "femaleShare", T("femaleWeight"), T("female/ln"));
        Node("Add", "bySex", T("maleShare"), T("femaleShare"));
        Node("Mul", "agePart", age, constants.Of((float)Egfr.LnAgeFactor));
        Node("Add", "lnEgfr", T("bySex"), T("agePart"));
        return T("lnEgfr");
    }

    // AttributeProto { name = 1, i = 3, type = 20: INT (2) }.
    private static byte[] IntAttribute(string name, long value)
    {
        var attribute = new OnnxProto.Writer();
        attribute.String(1, name);
        attribute.Varint(3, (ulong)value);
        attribute.Varint(20, 2);
        return attribute.ToArray();
    }

    // ValueInfoProto { name = 1, type = 2: TypeProto { tensor_type = 1: { elem_type = 1: FLOAT, shape = 2: { dim = 1: [N], [columns] } } } }.
    private static byte[] FloatMatrix(string name, int columns)
    {
        var rows = new OnnxProto.Writer();
        rows.String(2, "N");
        var width = new OnnxProto.Writer();
        width.Varint(1, (ulong)columns);
        var shape = new OnnxProto.Writer();
        shape.Message(1, rows.ToArray());
        shape.Message(1, width.ToArray());
        var tensor = new OnnxProto.Writer();
        tensor.Varint(1, 1);
        tensor.Message(2, shape.ToArray());
        var type = new OnnxProto.Writer();
        type.Message(1, tensor.ToArray());
        var info = new OnnxProto.Writer();
        info.String(1, name);
        info.Message(2, type.ToArray());
        return info.ToArray();
    }

    /// <summary>One Constant node per distinct scalar, named by its bits so that the graph is the same on every run.</summary>
    private sealed class Constants
    {
        private readonly SortedDictionary<uint, string> _names = [];

        public string Of(float value)
        {
            var bits = BitConverter.SingleToUInt32Bits(value);
            if (!_names.TryGetValue(bits, out var name))
            {
                name = $"terms/constant/{bits:x8}";
                _names[bits] = name;
            }

            return name;
        }

        // Written before every node that reads them. AttributeProto { name = 1: "value", t = 5: TensorProto { data_type = 2: FLOAT (1), float_data = 4 }, type = 20: TENSOR (4) }.
        public IEnumerable<byte> Nodes()
        {
            var nodes = new OnnxProto.Writer();
            foreach (var (bits, name) in _names)
            {
                var tensor = new OnnxProto.Writer();
                tensor.Varint(2, 1);
                tensor.Bytes(4, BitConverter.GetBytes(BitConverter.UInt32BitsToSingle(bits)));
                var attribute = new OnnxProto.Writer();
                attribute.String(1, "value");
                attribute.Message(5, tensor.ToArray());
                attribute.Varint(20, 4);
                nodes.Message(GraphNode, OnnxProto.Node([], name, $"Constant_{bits:x8}", "Constant", attribute.ToArray()));
            }

            return nodes.ToArray();
        }
    }
}
