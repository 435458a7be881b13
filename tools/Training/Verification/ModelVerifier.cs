using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using HealthOracle.Training.Onnx;
using HealthOracle.Training.Reporting;
using Microsoft.ML.OnnxRuntime;

namespace HealthOracle.Training.Verification;

/// <summary>
/// Checks models/ the way the app will: every manifest entry's file exists with its size and SHA-256,
/// its inputs are the disease schema's fields in order, and the ONNX graph has those inputs and the
/// named output. Returns every problem found, not just the first.
/// </summary>
internal static class ModelVerifier
{
    public static IReadOnlyList<string> Verify(string modelsFolder)
    {
        var problems = new List<string>();
        var manifest = ManifestStore.Read(modelsFolder);
        if (manifest.Models.Count == 0)
        {
            problems.Add($"{ManifestStore.PathIn(modelsFolder)} names no models.");
        }

        foreach (var (key, entry) in manifest.Models)
        {
            var prefix = $"{key} {entry.Version}";
            var disease = DiseaseCatalog.TryGet(key, out var known) ? known : null;
            if (disease is null || entry.Disease != key)
            {
                problems.Add($"{prefix}: '{key}' / '{entry.Disease}' is not a known disease key.");
                continue;
            }

            if (!disease.InputNames.SequenceEqual(entry.Inputs))
            {
                problems.Add($"{prefix}: manifest inputs [{string.Join(", ", entry.Inputs)}] are not the schema's fields.");
            }

            if (entry.Synthetic && string.IsNullOrWhiteSpace(entry.Notice))
            {
                problems.Add($"{prefix}: a synthetic model must carry a notice.");
            }

            var path = Path.Combine(modelsFolder, entry.BlobPath);
            if (!File.Exists(path))
            {
                problems.Add($"{prefix}: {entry.BlobPath} is missing.");
                continue;
            }

            var bytes = File.ReadAllBytes(path);
            if (bytes.Length != entry.Size)
            {
                problems.Add($"{prefix}: {entry.BlobPath} is {bytes.Length} bytes, the manifest says {entry.Size}.");
            }

            var sha = TrainingSources.Sha256Hex(bytes);
            if (sha != entry.Sha256)
            {
                problems.Add($"{prefix}: {entry.BlobPath} has SHA-256 {sha}, the manifest says {entry.Sha256}.");
                continue;
            }

            try
            {
                using var session = new InferenceSession(bytes);
                var output = OnnxExporter.CheckSignature(session, disease);
                if (output != entry.Output)
                {
                    problems.Add($"{prefix}: the graph's output is '{output}', the manifest says '{entry.Output}'.");
                }

                if (entry.Explanation is { } explanation)
                {
                    if (explanation.LogOddsOutput is { } logOdds && !session.OutputNames.Contains(logOdds))
                    {
                        problems.Add($"{prefix}: the manifest names the log-odds output '{logOdds}', which the graph does not have.");
                    }

                    if (explanation.Reference.Count != entry.Inputs.Count)
                    {
                        problems.Add($"{prefix}: the reference patient has {explanation.Reference.Count} values for {entry.Inputs.Count} inputs.");
                    }
                }

                if (entry.Interval is { } interval)
                {
                    problems.AddRange(Interval(prefix, interval, session, entry.Explanation?.LogOddsOutput));
                }
            }
            catch (Exception e) when (e is InvalidDataException or OnnxRuntimeException)
            {
                problems.Add($"{prefix}: {e.Message}");
            }
        }

        return problems;
    }

    /// <summary>What keeps the app from computing the manifest's interval: its terms output, its sizes, the log-odds it needs.</summary>
    private static IEnumerable<string> Interval(string prefix, IntervalInfo interval, InferenceSession session, string? logOdds)
    {
        if (logOdds is null)
        {
            yield return $"{prefix}: the interval needs the log-odds output, which the manifest does not name.";
        }

        if (!session.OutputMetadata.TryGetValue(interval.TermsOutput, out var terms) || terms.Dimensions is not [_, var columns] || columns != interval.Terms.Count)
        {
            yield return $"{prefix}: the graph has no [N, {interval.Terms.Count}] output '{interval.TermsOutput}' for the interval's terms.";
        }

        var size = 1 + interval.Terms.Count + interval.Missing.Count;
        if (interval.Centers.Count != interval.Terms.Count || interval.Covariance.Count != size || interval.Covariance.Any(row => row.Count != size || row.Any(v => !double.IsFinite(v))))
        {
            yield return $"{prefix}: the interval's centres or its {size}×{size} covariance do not match its terms.";
        }
    }
}
