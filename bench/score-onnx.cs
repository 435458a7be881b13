#:package Microsoft.ML.OnnxRuntime
// Scores patients straight through a model's ONNX graph, as served (missing values as NaN: the graph imputes them), without the app:
//   dotnet run bench/score-onnx.cs -- <model.onnx> <manifest.json> <disease> '{"age":55,...}' ...
// For a model the app can no longer load (an older version whose inputs differ from today's definition): the kidney
// before-and-after of models/README.md. Prints the probability in percent and its category (below 30 Low, from 60 High).
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

var manifest = JsonDocument.Parse(File.ReadAllText(args[1])).RootElement.GetProperty("models").GetProperty(args[2]);
var inputs = manifest.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()!).ToArray();
var output = manifest.GetProperty("output").GetString()!;
using var session = new InferenceSession(args[0]);
foreach (var json in args.Skip(3))
{
    var patient = JsonDocument.Parse(json).RootElement;
    var feeds = inputs.Select(name => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(
        new[] { patient.TryGetProperty(name, out var v) ? v.GetSingle() : float.NaN }, [1, 1]))).ToList();
    using var results = session.Run(feeds);
    var p = results.First(r => r.Name == output).AsEnumerable<float>().First();
    var pct = Math.Round(p * 100.0, 2);
    Console.WriteLine($"{manifest.GetProperty("version").GetString()}: {pct}% {(pct < 30 ? "Low" : pct < 60 ? "Moderate" : "High")}  {json}");
}
