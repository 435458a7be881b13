using System.Text.Encodings.Web;
using System.Text.Json;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using HealthOracle.Training.Onnx;
using HealthOracle.Training.Reporting;

namespace HealthOracle.Training;

/// <summary>What one disease's training produced.</summary>
internal sealed record TrainedModel(ModelEntry Entry, MetricsReport Report, double[] Probabilities);

/// <summary>
/// Trains one disease: cross-validates every candidate, keeps the one with the lowest out-of-fold Brier
/// score, refits it on all rows, calibrates it with Platt scaling on its out-of-fold scores, exports
/// ONNX, checks ONNX against ML.NET, and writes the model card, metrics and plots.
/// </summary>
internal sealed class TrainingRun(TrainingOptions options, Progress progress)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable text ("ln(x + 1)", not "ln(x \u002B 1)"): metrics.json is a file, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public TrainedModel Train(string disease, TrainingSource source)
    {
        var table = source.Table;
        progress.Info($"{disease}: {table.Count} rows, {table.Positives} with the disease, {table.MissingValues} missing values ({source.File})");
        var cv = new CrossValidation(options.Folds, options.InnerFolds, options.Seed);
        var results = (options.Candidates ?? Candidates.For(table.Disease))
            .Where(c => c.AppliesTo(table.Disease))
            .Select(c => progress.Step($"cross-validating {c.Name}", report => cv.Run(table, c, k => report(k + 1, options.Folds))))
            .OrderBy(r => r.Brier)
            .ThenByDescending(r => r.Auc)
            .ToArray();
        var (chosen, runnerUp) = (results[0], results[1]);

        var folder = Path.Combine(options.ModelsFolder, disease, options.Version);
        Directory.CreateDirectory(folder);
        var onnxPath = Path.Combine(folder, "model.onnx");
        // The final model's setting and calibration come from 10-fold out-of-fold scores on all rows: for a
        // candidate without a grid these are the cross-validation's own scores.
        var final = chosen.Candidate.Grid.Count == 0
            ? new SettingChoice(chosen.Candidate, chosen.Scores, PlattScaling.Fit(chosen.Scores, table.Labels))
            : progress.Step($"choosing {chosen.Candidate.Name}'s setting on all rows", () => cv.Choose(table, chosen.Candidate, options.Folds));
        var platt = final.Platt;
        var model = progress.Step($"fitting {final.Setting.Name} on all rows", () =>
            Trainer.Calibrate(Trainer.Fit(table, final.Setting, options.Seed), platt, table, options.Seed));
        var output = progress.Step("exporting ONNX", () => OnnxExporter.Export(model, table, onnxPath, options.Seed));
        var parity = progress.Step("checking ONNX Runtime against ML.NET on every row", () => OnnxExporter.CheckParity(onnxPath, model, table));

        var report = new MetricsReport(disease, options.Version, "lowest pooled out-of-fold Brier score (then highest ROC AUC)",
            CandidateReport.From(chosen, options.Folds, options.Seed, final.Setting), CandidateReport.From(runnerUp, options.Folds, options.Seed),
            platt.A, platt.B, table.Count, table.Positives, parity, Trainer.LogTransformedInputs(model));
        var bytes = File.ReadAllBytes(onnxPath);
        var entry = new ModelEntry(disease, $"{disease}-risk", options.Version, $"{disease}/{options.Version}/model.onnx",
            TrainingSources.Sha256Hex(bytes), bytes.Length, table.Disease.InputNames.ToArray(), output,
            Algorithm(chosen.Candidate, report.LogTransformedInputs),
            source.Synthetic, source.Notice,
            new TrainingDataInfo(source.File, source.Sha256, table.Count, source.Source, source.Licence),
            report.Chosen.Metrics, options.Clock.GetUtcNow());

        progress.Step("writing card, metrics and plots", () =>
        {
            File.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(report, Json) + "\n");
            Plots.Roc(Path.Combine(folder, "roc.png"), $"{disease}: ROC, 10-fold out-of-fold", chosen, runnerUp);
            Plots.Calibration(Path.Combine(folder, "calibration.png"), $"{disease}: calibration, 10-fold out-of-fold", chosen, runnerUp);
            File.WriteAllText(Path.Combine(folder, "card.md"), ModelCard.Write(entry, report, source));
        });
        progress.Info($"  {chosen.Candidate.Name}: ROC AUC {chosen.Auc:0.000}, Brier {chosen.Brier:0.000} (runner-up {runnerUp.Candidate.Name}: {runnerUp.Auc:0.000}, {runnerUp.Brier:0.000})");
        return new TrainedModel(entry, report, Trainer.Probabilities(model, table));
    }

    private static string Algorithm(Candidate candidate, IReadOnlyList<string> logged) =>
        logged.Count == 0
            ? $"{candidate.Algorithm}; Platt-calibrated on 10-fold out-of-fold scores"
            : $"{candidate.Algorithm}; ln(x + 1) of {string.Join(", ", logged)}, inside the graph; Platt-calibrated on 10-fold out-of-fold scores";
}
