using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Training.Data;
using HealthOracle.Training.Explaining;
using HealthOracle.Training.Modeling;
using HealthOracle.Training.Onnx;
using HealthOracle.Training.Reporting;
using HealthOracle.Training.Uncertainty;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

namespace HealthOracle.Training;

/// <summary>What one disease's training produced.</summary>
internal sealed record TrainedModel(ModelEntry Entry, MetricsReport Report, double[] Probabilities);

/// <summary>
/// Trains one disease: cross-validates every candidate, serves the one with the lowest out-of-fold Brier score
/// among those that follow the disease's direction table, refits it on all rows, calibrates it with Platt
/// scaling on its out-of-fold scores (shifted to the population's prevalence when the definition asks for it),
/// exports ONNX with its log-odds beside the probability, checks ONNX against ML.NET, checks that it follows
/// the direction table and calls the textbook-healthy person Low, and writes the model card, metrics and plots.
/// </summary>
internal sealed class TrainingRun(TrainingOptions options, Progress progress)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable text ("ln(x + 1)", not "ln(x \u002B 1)"): metrics.json is a file, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // A bootstrap interval that cannot be computed (a resample with one class only) is NaN, written as such.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public TrainedModel Train(string disease, TrainingSource source)
    {
        var table = source.Table;
        var definition = table.Disease;
        progress.Info($"{disease}: {table.Count} rows, {table.Positives} with the disease, {table.MissingValues} missing values ({source.File})");
        var cv = new CrossValidation(options.Folds, options.InnerFolds, options.Seed);
        var results = (options.Candidates ?? Candidates.For(definition))
            .Where(c => c.AppliesTo(definition))
            .Select(c => progress.Step($"cross-validating {c.Name}", report => cv.Run(table, c, k => report(k + 1, options.Folds))))
            .OrderBy(r => r.Brier)
            .ThenByDescending(r => r.Auc)
            .ToArray();
        var chosen = results.FirstOrDefault(r => r.Candidate.FollowsDirections)
            ?? throw new InvalidDataException($"{disease}: no candidate follows the direction table, so none may be served.");
        var runnerUp = results.First(r => r != chosen);
        // What the rule before this one served: the lowest Brier score, whatever its directions.
        var before = results[0];

        var folder = Path.Combine(options.ModelsFolder, disease, options.Version);
        Directory.CreateDirectory(folder);
        var onnxPath = Path.Combine(folder, "model.onnx");
        var final = Setting(cv, table, chosen);
        var samplePrevalence = (double)table.Positives / table.Count;
        // A generator's share of cases is its formula's, whatever the sample size (tests generate small ones): never shifted or checked.
        var shift = source.Synthetic ? 0 : PriorShift.For(definition.Population, samplePrevalence);
        var platt = final.Platt.Shifted(shift);
        var fitted = progress.Step($"fitting {final.Setting.Name} on all rows", () => Trainer.Fit(table, final.Setting, options.Seed));
        var model = Trainer.Calibrate(fitted, platt, table, options.Seed);
        var output = progress.Step("exporting ONNX", () => OnnxExporter.Export(model, table, onnxPath, options.Seed));
        var parity = progress.Step("checking ONNX Runtime against ML.NET on every row", () => OnnxExporter.CheckParity(onnxPath, model, table, platt));

        var reference = ReferencePatient.Of(table);
        var served = progress.Step("checking the directions and the healthy example", () => Check(definition, table, onnxPath, reference));
        var beforeModel = before == chosen
            ? Trainer.Calibrate(fitted, final.Platt, table, options.Seed)
            : progress.Step($"fitting {before.Candidate.Name} on all rows for the before-and-after", () => Fit(cv, table, before));
        var beforeCheck = Check(definition, table, rows => Trainer.Probabilities(beforeModel, Rows(table, rows)), reference);
        var interval = progress.Step($"bootstrapping the interval ({options.Replicates} replicates, {options.ValidationReplicates} to validate)",
            report => new BootstrapIntervals(options.Folds, options.Seed, options.Threads)
                .Estimate(table, final.Setting, fitted, platt, source.Synthetic, options.Replicates, options.ValidationReplicates, report));
        if (options.CoverageBounds is { } bounds && !(interval.Coverage.Covered >= bounds.Low && interval.Coverage.Covered <= bounds.High))
        {
            throw new InvalidDataException($"{disease}: the 95% intervals covered {interval.Coverage.Covered:0.0%} of fresh replicates' out-of-bag estimates, outside {bounds.Low:0%}–{bounds.High:0%}.");
        }

        var servedProbabilities = chosen.Probabilities.Select(p => PriorShift.Apply(p, shift)).ToArray();

        var report = new MetricsReport(disease, options.Version, "lowest pooled out-of-fold Brier score (then highest ROC AUC) among the candidates that follow the direction table",
            CandidateReport.From(chosen, options.Folds, options.Seed, final.Setting), CandidateReport.From(runnerUp, options.Folds, options.Seed),
            platt.A, platt.B, table.Count, table.Positives, parity, Trainer.LogTransformedInputs(model))
        {
            Population = new PopulationReport(samplePrevalence, definition.Population.Prevalence!.Value, shift, final.Platt.B),
            Reference = Named(definition, reference),
            ReferenceProbability = served.Reference,
            HealthyProbability = served.Healthy,
            Directions = served.Directions,
            Before = new BeforeReport(CandidateReport.From(before, options.Folds, options.Seed), beforeCheck.Healthy, beforeCheck.Directions.Where(d => !d.Follows).Select(d => d.Field).ToArray()),
            Candidates = [.. results.Select(r => new CandidateSummary(r.Candidate.Name, r.Candidate.FollowsDirections, r.Auc, r.Brier))],
            AfterBrier = Metrics.Brier(servedProbabilities, table.Labels),
            Performance = Performance.Of(chosen.Probabilities, table.Labels, options.Seed),
            Subgroups = Performance.Subgroups(table, chosen.Probabilities, options.Seed),
            DecisionCurve = Performance.DecisionCurve(servedProbabilities, table.Labels, shift == 0 ? null : definition.Population.Prevalence),
            Interval = IntervalReport.From(interval, definition, table, onnxPath, reference, served),
            Excluded = source.Excluded,
            FileRows = source.FileRows,
            Missing = MissingReport.From(table, Trainer.Terms(fitted)),
            Cases = served.Cases,
        };
        var bytes = File.ReadAllBytes(onnxPath);
        var entry = new ModelEntry(disease, $"{disease}-risk", options.Version, $"{disease}/{options.Version}/model.onnx",
            TrainingSources.Sha256Hex(bytes), bytes.Length, definition.InputNames.ToArray(), output,
            Algorithm(chosen.Candidate, report.LogTransformedInputs, shift, samplePrevalence, definition.Population),
            source.Synthetic, source.Notice,
            new TrainingDataInfo(source.File, source.Sha256, table.Count, source.Source, source.Licence),
            report.Chosen.Metrics, options.Clock.GetUtcNow())
        {
            Explanation = new ExplanationInfo(reference, served.Reference, OnnxLogOdds.Output, chosen.Candidate.Additive)
            {
                Interactions = [.. definition.Training.Derived.Select(d => (IReadOnlyList<string>)[.. d.Inputs])],
            },
            Population = new PopulationInfo(definition.Population.Description, samplePrevalence, definition.Population.Prevalence!.Value,
                definition.Population.PrevalenceSource, shift, definition.Population.RelativeTo),
            Interval = BootstrapIntervals.Info(interval, OnnxTerms.Output, options.Folds),
        };

        progress.Step("writing card, metrics and plots", () =>
        {
            File.WriteAllText(Path.Combine(folder, "metrics.json"), JsonSerializer.Serialize(report, Json) + "\n");
            Plots.Roc(Path.Combine(folder, "roc.png"), $"{disease}: ROC, 10-fold out-of-fold", chosen, runnerUp);
            Plots.Calibration(Path.Combine(folder, "calibration.png"), $"{disease}: calibration, 10-fold out-of-fold (before any prior shift)", chosen, runnerUp);
            Plots.DecisionCurve(Path.Combine(folder, "decision.png"),
                shift == 0 ? $"{disease}: decision curve, 10-fold out-of-fold" : $"{disease}: decision curve, out-of-fold, weighted to {definition.Population.Prevalence:0.0%} prevalence",
                chosen.Candidate.Name, report.DecisionCurve!);
            File.WriteAllText(Path.Combine(folder, "card.md"), ModelCard.Write(entry, report, source));
        });
        progress.Info($"  {chosen.Candidate.Name}: ROC AUC {chosen.Auc:0.000}, Brier {chosen.Brier:0.000} (runner-up {runnerUp.Candidate.Name}: {runnerUp.Auc:0.000}, {runnerUp.Brier:0.000}); " +
            $"healthy example {served.Healthy:0.0%} (before: {before.Candidate.Name}, {beforeCheck.Healthy:0.0%})");
        return new TrainedModel(entry, report, Trainer.Probabilities(model, table));
    }

    /// <summary>The candidate's setting and calibration from 10-fold out-of-fold scores on all rows (the cross-validation's own scores when it has no grid).</summary>
    private SettingChoice Setting(CrossValidation cv, PatientTable table, CrossValidationResult result) =>
        result.Candidate.Grid.Count == 0
            ? new SettingChoice(result.Candidate, result.Scores, PlattScaling.Fit(result.Scores, table.Labels))
            : progress.Step($"choosing {result.Candidate.Name}'s setting on all rows", () => cv.Choose(table, result.Candidate, options.Folds));

    private ITransformer Fit(CrossValidation cv, PatientTable table, CrossValidationResult result)
    {
        var setting = Setting(cv, table, result);
        return Trainer.Calibrate(Trainer.Fit(table, setting.Setting, options.Seed), setting.Platt, table, options.Seed);
    }

    /// <summary>The served graph's directions, reference and healthy probabilities; training stops on a reversal or a healthy person not called Low.</summary>
    private static Checked Check(DiseaseDefinition disease, PatientTable table, string onnxPath, double[] reference)
    {
        using var session = new InferenceSession(onnxPath);
        var result = Check(disease, table, rows => OnnxExporter.Score(session, Rows(table, rows)), reference);
        var reversed = result.Directions.Where(d => !d.Follows).ToArray();
        if (reversed.Length > 0)
        {
            throw new InvalidDataException($"{disease.Key}: the served model goes against the direction table for {string.Join(", ", reversed.Select(d => $"{d.Field} (by {d.WorstReversal:G3})"))}.");
        }

        if (result.Healthy is { } healthy && Math.Round(healthy * 100, 2) >= 30)
        {
            throw new InvalidDataException($"{disease.Key}: the served model tells the textbook-healthy person {healthy:0.0%}, not Low.");
        }

        var cases = OnnxExporter.Score(session, Rows(table, [.. disease.Cases.Select(c => CaseRow(disease, c))]));
        var wrong = disease.Cases.Select((c, i) => (Case: c, Probability: cases[i])).Where(p => !p.Case.Accepts(Category(p.Probability))).ToArray();
        if (wrong.Length > 0)
        {
            throw new InvalidDataException($"{disease.Key}: the served model answers {string.Join("; ", wrong.Select(w => $"'{w.Case.Description}' {w.Probability:0.0%} ({Category(w.Probability)}), not {w.Case.Lowest}–{w.Case.Highest}"))}.");
        }

        return result with { Cases = cases };
    }

    private static Checked Check(DiseaseDefinition disease, PatientTable table, Func<IReadOnlyList<float[]>, double[]> score, double[] reference)
    {
        var patients = DirectionSweep.BasePatients(table, reference, disease.Healthy);
        var directions = DirectionSweep.Run(disease, patients, score);
        var probabilities = score(patients.Take(disease.Healthy is null ? 1 : 2).ToArray());
        return new Checked(probabilities[0], disease.Healthy is null ? null : probabilities[1], directions);
    }

    private static PatientTable Rows(PatientTable table, IReadOnlyList<float[]> rows) =>
        new(table.Disease, rows, [.. rows.Select(_ => false)], []);

    private static Dictionary<string, double> Named(DiseaseDefinition disease, double[] values) =>
        disease.Fields.Select((f, i) => (f.Name, values[i])).ToDictionary(p => p.Name, p => p.Item2);

    private static string Algorithm(Candidate candidate, IReadOnlyList<string> logged, double shift, double samplePrevalence, Population population)
    {
        var text = logged.Count == 0
            ? $"{candidate.Algorithm}; Platt-calibrated on 10-fold out-of-fold scores"
            : $"{candidate.Algorithm}; ln(x + 1) of {string.Join(", ", logged)}, inside the graph; Platt-calibrated on 10-fold out-of-fold scores";
        return shift == 0
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text}; intercept shifted by {shift:+0.###;−0.###} log-odds from the sample's prevalence ({samplePrevalence:0.0%}) to the population's ({population.Prevalence:0.0%})");
    }

    /// <summary>A clinical case as the model's row: its values, NaN for a field it leaves out.</summary>
    internal static float[] CaseRow(DiseaseDefinition disease, ClinicalCase clinical) =>
        [.. disease.Fields.Select(f => clinical.Values.TryGetValue(f.Name, out var v) ? (float)v : float.NaN)];

    internal static RiskCategory Category(double probability) => Math.Round(probability * 100, 2, MidpointRounding.AwayFromZero) switch
    {
        < 30 => RiskCategory.Low,
        <= 60 => RiskCategory.Moderate,
        _ => RiskCategory.High,
    };

    internal sealed record Checked(double Reference, double? Healthy, IReadOnlyList<DirectionResult> Directions)
    {
        public IReadOnlyList<double> Cases { get; init; } = [];
    }
}
