using System.Globalization;
using System.Text;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using HealthOracle.Training.Explaining;

namespace HealthOracle.Training.Reporting;

/// <summary>card.md: what the model is, what it was trained on, how good it is and what it is not for.</summary>
internal static class ModelCard
{
    public static string Write(ModelEntry entry, MetricsReport report, TrainingSource source)
    {
        var disease = source.Table.Disease;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {disease.DisplayName}: `{entry.Name}` {entry.Version}");
        text.AppendLine();
        if (source.Notice is { } notice)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"> **{notice}**");
            text.AppendLine();
        }

        text.AppendLine("**Not a diagnosis.** The model estimates a probability from a few clinical values; it does not replace a clinician.");
        text.AppendLine();
        Population(text, report, disease);
        text.AppendLine("## Data");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Source: {source.Source}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- File: `{source.File}`, SHA-256 `{source.Sha256}`, {report.Rows} rows, {report.Positives} with the disease");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Licence: {source.Licence}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Citation: {source.Citation}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Population: {source.Population}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Cleaning: {source.Cleaning}");
        text.AppendLine();
        text.AppendLine("## Model");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Algorithm: {entry.Algorithm}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Hyper-parameters: {report.Chosen.HyperParameters}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Calibration: Platt scaling p = 1 / (1 + exp({report.PlattSlope:0.####}·score {(report.PlattOffset < 0 ? "−" : "+")} {Math.Abs(report.PlattOffset):0.####})), fitted on the 10-fold out-of-fold scores and built into the graph");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Inputs (float32, shape [-1, 1], missing optional values as NaN): {string.Join(", ", entry.Inputs.Select(i => $"`{i}`"))}");
        if (report.LogTransformedInputs.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Log-transformed inside the graph, before imputation and standardisation: ln(x + 1) of {string.Join(", ", report.LogTransformedInputs.Select(i => $"`{i}`"))} (right-skewed laboratory values spanning orders of magnitude)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Output: `{entry.Output}`, the calibrated probability of disease");
        text.AppendLine(CultureInfo.InvariantCulture, $"- ONNX: `model.onnx`, {entry.Size} bytes, SHA-256 `{entry.Sha256}`; ONNX Runtime and ML.NET agree within {report.OnnxParityMaxDifference:0.0e+0} on every training row");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Selection: {report.Selection}");
        text.AppendLine();
        text.AppendLine("## Metrics");
        text.AppendLine();
        text.AppendLine("Stratified 10-fold cross-validation, seed 42, out-of-fold predictions pooled. Imputation, scaling, the Platt scaling and any setting chosen from a grid (an L2 penalty) are fitted inside each fold on its training rows only (calibration and choice on an inner 5-fold split). The figures are on the training sample, before any prior shift (see Before and after).");
        text.AppendLine();
        var target = disease.Training.Target;
        text.AppendLine("| | " + report.Chosen.Name + " (chosen) | " + report.RunnerUp.Name + " (runner-up) |" + (target is null ? "" : " target |"));
        text.AppendLine("|---|---|---|" + (target is null ? "" : "---|"));
        Row(text, "ROC AUC (pooled)", report.Chosen.Metrics.RocAuc, report.RunnerUp.Metrics.RocAuc, target is null ? null : $"≥ {target.MinAuc:0.00#}");
        text.AppendLine(CultureInfo.InvariantCulture, $"| ROC AUC fold mean ± sd | {report.Chosen.Metrics.RocAucFoldMean:0.000} ± {report.Chosen.Metrics.RocAucFoldSd:0.000} | {report.RunnerUp.Metrics.RocAucFoldMean:0.000} ± {report.RunnerUp.Metrics.RocAucFoldSd:0.000} |{(target is null ? "" : " |")}");
        Row(text, "Brier score", report.Chosen.Metrics.Brier, report.RunnerUp.Metrics.Brier, target is null ? null : $"≤ {target.MaxBrier:0.00#}");
        Row(text, "Calibration slope", report.Chosen.Metrics.CalibrationSlope, report.RunnerUp.Metrics.CalibrationSlope, target is null ? null : "1");
        Row(text, "Calibration intercept", report.Chosen.Metrics.CalibrationIntercept, report.RunnerUp.Metrics.CalibrationIntercept, target is null ? null : "0");
        Row(text, "Sensitivity at 30% (Moderate or High)", report.Chosen.Metrics.SensitivityAt30, report.RunnerUp.Metrics.SensitivityAt30, target is null ? null : "");
        Row(text, "Specificity at 30%", report.Chosen.Metrics.SpecificityAt30, report.RunnerUp.Metrics.SpecificityAt30, target is null ? null : "");
        Row(text, "Sensitivity above 60% (High)", report.Chosen.Metrics.SensitivityAt60, report.RunnerUp.Metrics.SensitivityAt60, target is null ? null : "");
        Row(text, "Specificity above 60%", report.Chosen.Metrics.SpecificityAt60, report.RunnerUp.Metrics.SpecificityAt60, target is null ? null : "");
        text.AppendLine();
        if (report.Candidates is { } candidates)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"All candidates (pooled out-of-fold): {string.Join("; ", candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name}{(c.FollowsDirections ? "" : " (not held to the direction table: not eligible)")} AUC {c.RocAuc:0.000}, Brier {c.Brier:0.000}")))}.");
            text.AppendLine();
        }

        if (target is not null)
        {
            var met = report.Chosen.Metrics.RocAuc >= target.MinAuc && report.Chosen.Metrics.Brier <= target.MaxBrier;
            text.AppendLine(CultureInfo.InvariantCulture, $"Target {(met ? "met" : "**not met**")}. The original app's model on the same data: {target.Original}.");
            text.AppendLine();
        }

        var notes = source.Synthetic ? LungSynthesizer.Description : disease.Training.Notes;
        if (notes.Length > 0)
        {
            text.AppendLine(notes);
            text.AppendLine();
        }

        BeforeAndAfter(text, report, disease);
        Directions(text, report, disease);
        Reference(text, report, disease);
        text.AppendLine("![ROC curves of the out-of-fold predictions](roc.png)");
        text.AppendLine();
        text.AppendLine("![Calibration by decile of predicted probability](calibration.png)");
        text.AppendLine();
        text.AppendLine("## Intended use and limits");
        text.AppendLine();
        text.AppendLine("- For education and triage-style illustration: it shows how a few routine values relate to risk in one published data set. It is not a diagnosis and not a medical device.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- It describes one population only: {source.Population} {disease.Population.RelativeTo} Applied to other people its probabilities may be wrong in either direction.");
        text.AppendLine("- Its factors (contributions) and what-if answers describe associations in this statistical model, not causes.");
        text.AppendLine("- A small data set: the metrics above carry real uncertainty (see the fold standard deviation).");
        text.AppendLine(report.LogTransformedInputs.Count == 0
            ? "- Optional fields that were not measured are imputed with the training mean inside the model; the estimate is then less certain."
            : "- Optional fields that were not measured are imputed with the training mean (of the logarithm, for log-transformed fields) inside the model; the estimate is then less certain.");
        return text.ToString();
    }

    private static void Population(StringBuilder text, MetricsReport report, DiseaseDefinition disease)
    {
        if (report.Population is not { } population)
        {
            return;
        }

        text.AppendLine("## What the percentage means");
        text.AppendLine();
        text.AppendLine(disease.Population.RelativeTo);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- The training sample: {report.Positives} of {report.Rows} rows ({population.SamplePrevalence:0.0%}) have the disease.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- The percentages refer to a prevalence of {population.Prevalence:0.0%}: {disease.Population.PrevalenceSource}");
        text.AppendLine(population.PriorShift == 0
            ? "- No correction: the sample's prevalence is that of a real population (the people the model learned from), and the percentage says so."
            : string.Create(CultureInfo.InvariantCulture,
                $"- Prior-shift correction of the intercept (Saerens, Latinne & Decaestecker, Neural Computation 2002): logit {population.Prevalence:0.###} − logit {population.SamplePrevalence:0.###} = {population.PriorShift:0.####} log-odds added to every prediction, by moving the Platt offset from {population.PlattOffsetBeforeShift:0.####} to {report.PlattOffset:0.####} inside the graph. It keeps the ranking (ROC AUC) and moves every probability to the population's base rate; on the training sample itself the corrected probabilities are too low by design (see Before and after)."));
        text.AppendLine();
    }

    private static void BeforeAndAfter(StringBuilder text, MetricsReport report, DiseaseDefinition disease)
    {
        if (report.Before is not { } before || report.Population is not { } population)
        {
            return;
        }

        text.AppendLine("## Before and after");
        text.AppendLine();
        text.AppendLine("Before: what the rule before the direction table and the prior shift would serve (the lowest out-of-fold Brier score of all candidates, calibrated to the sample). After: the served model.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| | before: {before.Candidate.Name} | after: {report.Chosen.Name}{(population.PriorShift == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", shifted to {population.Prevalence:0.0%}"))} |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Follows the direction table | {(before.Reversed.Count == 0 ? "yes" : "no: reverses " + string.Join(", ", before.Reversed.Select(f => $"`{f}`")))} | yes, over every input's valid range |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| ROC AUC (pooled out-of-fold) | {before.Candidate.Metrics.RocAuc:0.000} | {report.Chosen.Metrics.RocAuc:0.000} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Brier score on the training sample (out-of-fold) | {before.Candidate.Metrics.Brier:0.000} | {report.AfterBrier ?? report.Chosen.Metrics.Brier:0.000} |");
        if (disease.Healthy is { } healthy && before.HealthyProbability is { } was && report.HealthyProbability is { } now)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| Textbook-healthy person: {healthy.Description} | {Percent(was)} | {Percent(now)} |");
        }

        text.AppendLine();
        if (disease.Healthy is { } example)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The healthy person's values: {string.Join(", ", disease.Fields.Select(f => $"{f.Name} {Format(example.Values[f.Name])}"))} (normal values: {example.Source}).");
            text.AppendLine();
        }
    }

    private static void Directions(StringBuilder text, MetricsReport report, DiseaseDefinition disease)
    {
        if (report.Directions is not { } directions)
        {
            return;
        }

        text.AppendLine("## Directions");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"How the risk is clinically expected to move as each input rises, and what the served model does when the input is swept over its whole valid range on {DirectionSweep.TrainingRows + 2} base patients (the reference, the healthy person and training rows spread over the data), the others held. Inputs without an expected direction (unordered codes, or no agreed direction) are not constrained.");
        text.AppendLine();
        text.AppendLine("| input | expected as it rises | source | served model |");
        text.AppendLine("|---|---|---|---|");
        foreach (var result in directions)
        {
            var field = disease.Find(result.Field)!;
            var served = !result.HasWeight
                ? "no weight: given the other inputs, this sample pointed the other way, so the model holds the weight at zero and the factor is always 0"
                : string.Create(CultureInfo.InvariantCulture, $"follows it over {Format(field.Min)}–{Format(field.Max)}{(field.Unit is null ? "" : " " + field.Unit)} (largest change {result.Effect:0.0%})");
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{field.Name}` | {(result.Expected == Direction.Raises ? "raises" : "lowers")} | {field.Expected!.Source} | {served} |");
        }

        text.AppendLine();
        foreach (var field in disease.Fields.Where(f => f.FactorNote is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Exception explained in every answer's factor for `{field.Name}` (no direction in the table): {field.FactorNote}");
            text.AppendLine();
        }
    }

    private static void Reference(StringBuilder text, MetricsReport report, DiseaseDefinition disease)
    {
        if (report.Reference is not { } reference || report.ReferenceProbability is not { } probability)
        {
            return;
        }

        text.AppendLine("## Reference patient");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Every explanation (the factors of an answer) is measured from this patient, the training rows' median of each number and most common code: {string.Join(", ", disease.Fields.Select(f => $"{f.Name} {Format(reference[f.Name])}"))}. The served model gives it {probability:0.00%} (the `baseline` of every answer). The manifest carries the same values, so serving and training agree.");
        text.AppendLine();
    }

    private static string Percent(double probability)
    {
        var percentage = Math.Round(probability * 100, 2, MidpointRounding.AwayFromZero);
        var category = percentage < 30 ? "Low" : percentage <= 60 ? "Moderate" : "High";
        return string.Create(CultureInfo.InvariantCulture, $"{percentage:0.0}% ({category})");
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, string label, double chosen, double runnerUp, string? target) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {chosen:0.000} | {runnerUp:0.000} |{(target is null ? "" : $" {target} |")}");
}
