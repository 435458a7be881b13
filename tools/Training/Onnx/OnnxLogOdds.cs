namespace HealthOracle.Training.Onnx;

/// <summary>
/// Adds a second output to a model: the log-odds of its probability, read from the input of the graph's final
/// sigmoid (the calibrator's A·score + B, sign included), so that nothing is recomputed and no precision is lost
/// near 0 or 1 (a float32 probability of 0.99999994 has one digit of its log-odds left). The app computes exact
/// Shapley values from it. The probability output and everything else are copied byte for byte.
/// </summary>
internal static class OnnxLogOdds
{
    public const string Output = "LogOdds.output";

    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphOutput = 12;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeOpType = 4;
    private const int ValueInfoName = 1;

    public static byte[] Expose(byte[] model, string probabilityOutput) => OnnxProto.Rewrite(model, ModelGraph, graph =>
    {
        var nodes = OnnxProto.Fields(graph).Where(f => f.Field == GraphNode).Select(f => f.Bytes!).ToArray();
        var name = probabilityOutput;
        // Follow Identity nodes back from the output to the Sigmoid that makes the probability.
        for (var step = 0; step < nodes.Length; step++)
        {
            var producer = nodes.SingleOrDefault(n => OnnxProto.Strings(n, NodeOutput).Contains(name))
                ?? throw new InvalidDataException($"No node produces '{name}'.");
            var op = OnnxProto.Strings(producer, NodeOpType).Single();
            var input = OnnxProto.Strings(producer, NodeInput).Single();
            if (op == "Sigmoid")
            {
                var output = OnnxProto.Fields(graph).Single(f => f.Field == GraphOutput && OnnxProto.Strings(f.Bytes!, ValueInfoName).Single() == probabilityOutput).Bytes!;
                var head = new OnnxProto.Writer();
                head.Raw(graph);
                head.Message(GraphNode, OnnxProto.Node([input], Output, "LogOddsIdentity", "Identity"));
                // The probability's value info (float, [N] or [N,1]) under the new name.
                head.Message(GraphOutput, OnnxProto.Rewrite(output, ValueInfoName, _ => System.Text.Encoding.UTF8.GetBytes(Output)));
                return head.ToArray();
            }

            if (op != "Identity")
            {
                throw new InvalidDataException($"'{name}' comes from a {op} node, not from a sigmoid: the graph's log-odds cannot be exposed.");
            }

            name = input;
        }

        throw new InvalidDataException("The graph's output does not lead back to a sigmoid.");
    });
}
