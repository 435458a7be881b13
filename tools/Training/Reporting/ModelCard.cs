using System.Globalization;
using System.Text;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using HealthOracle.Training.Explaining;
using HealthOracle.Training.Onnx;

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
        text.AppendLine(CultureInfo.InvariantCulture, $"A {(disease.Population.TimeFrame.StartsWith("None", StringComparison.Ordinal) ? "diagnostic" : "prediction")} model (logistic regression held to a direction table), developed and internally validated on one data set. Written by `tools/Training`, section by section in the order of the TRIPOD+AI checklist (Collins et al., BMJ 2024;385:e078378; where each item is answered: models/README.md).");
        text.AppendLine();
        if (source.Notice is { } notice)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"> **{notice}**");
            text.AppendLine();
        }

        text.AppendLine("**Not a diagnosis.** The model estimates a probability from a few clinical values; it does not replace a clinician.");
        text.AppendLine();
        IntendedUse(text, disease, source);
        Population(text, report, disease);
        text.AppendLine("## Time frame");
        text.AppendLine();
        text.AppendLine(disease.Population.TimeFrame);
        text.AppendLine();
        text.AppendLine("## Data");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Source: {source.Source}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- File: `{source.File}`, SHA-256 `{source.Sha256}`, {report.FileRows ?? report.Rows} rows");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Licence: {source.Licence}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Citation: {source.Citation}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Population: {source.Population}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Outcome: {disease.Summary}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Cleaning: {source.Cleaning}");
        text.AppendLine(report.Excluded is { Count: > 0 } excluded
            ? string.Create(CultureInfo.InvariantCulture, $"- Eligibility: {string.Join("; ", excluded.Select(e => $"{e.Rows} rows left out for {e.Reason} ({e.WithDisease} with the disease)"))}. The model learned from the other {report.Rows} rows, {report.Positives} with the disease.")
            : string.Create(CultureInfo.InvariantCulture, $"- Eligibility: every row is a valid patient of the form; all {report.Rows} rows are used, {report.Positives} with the disease."));
        text.AppendLine();
        Predictors(text, report, disease);
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

        foreach (var derived in disease.Training.Derived)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Derived inside the graph: `{derived.Carrier}` enters as ln {derived.Label} ({derived.Unit}) from {string.Join(", ", derived.Inputs.Select(i => $"`{i}`"))} by the {derived.Source}; the explanation's factors for these inputs are exact Shapley values of the group");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Outputs: `{entry.Output}`, the calibrated probability of disease; `{OnnxLogOdds.Output}`, its log-odds; `{OnnxTerms.Output}`, the terms before imputation (for the interval)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- ONNX: `model.onnx`, {entry.Size} bytes, SHA-256 `{entry.Sha256}`; ONNX Runtime and ML.NET agree within {report.OnnxParityMaxDifference:0.0e+0} on every training row");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Selection: {report.Selection}");
        text.AppendLine();
        Metrics(text, report, disease, source);
        Subgroups(text, report);
        DecisionCurve(text, report, disease);
        Interval(text, report, entry);
        Cases(text, report, disease);
        BeforeAndAfter(text, report, disease);
        Directions(text, report, disease);
        Reference(text, report, disease);
        text.AppendLine("![ROC curves of the out-of-fold predictions](roc.png)");
        text.AppendLine();
        text.AppendLine("![Calibration by decile of predicted probability](calibration.png)");
        text.AppendLine();
        text.AppendLine("## Limits");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- It describes one population only: {source.Population} {disease.Population.RelativeTo} Applied to other people its probabilities may be wrong in either direction.");
        text.AppendLine("- Its factors (contributions) and what-if answers describe associations in this statistical model, not causes.");
        text.AppendLine("- Internal validation only (cross-validation and the bootstrap on the same sample): no external data set has tested it, and the figures above are optimistic for any other population.");
        text.AppendLine("- The 95% interval is the model's estimation uncertainty only: it does not include the error of applying the model to a population unlike the sample, nor the chance that a measurement was wrong.");
        return text.ToString();
    }

    private static void IntendedUse(StringBuilder text, DiseaseDefinition disease, TrainingSource source)
    {
        text.AppendLine("## Intended use");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- What it estimates: {disease.Summary}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- For whom: people like those it learned from ({source.Population}). {(disease.Requires is null ? "" : $"It needs: {disease.Requires}")}");
        text.AppendLine("- Users and use: members of the public and clinicians, through the HealthOracle API and site, for education and triage-style illustration: how a few routine values relate to risk in one published data set, with the percentage's population, its 95% interval, the factors and what-if answers. Not a diagnosis, not a screening or treatment decision, and not a medical device.");
        text.AppendLine("- Not for: children (every form refuses an age under 18), people unlike the sample (see What the percentage means), or a decision without a clinician.");
        text.AppendLine();
    }

    private static void Predictors(StringBuilder text, MetricsReport report, DiseaseDefinition disease)
    {
        if (report.Missing is not { } missing)
        {
            return;
        }

        text.AppendLine("## Predictors and missing data");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Each input, how the model takes it, how many training rows lack it, and what a missing value becomes. A missing term is imputed with its mean in the population the percentage refers to: the mean among rows with the disease weighted by {disease.Population.Prevalence:0.0%}, plus the mean among rows without it weighted by the rest{(disease.Population.CorrectToPrevalence ? " (not the case-control sample's mean, which would impute the values of a patient)" : " (the sample's own prevalence: its class-weighted mean)")}. The same value is imputed inside the graph for a request that leaves an optional field out; the answer lists it under `notMeasured`, its factor shows how far it moved the estimate from the reference patient, and the interval widens by that term's own uncertainty.");
        text.AppendLine();
        text.AppendLine("| input | required | taken as | training rows without it | a missing value becomes |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var m in missing)
        {
            var field = disease.Find(m.Field)!;
            var derived = disease.Training.Derived.FirstOrDefault(d => d.Carrier == m.Field);
            var taken = !m.Weighted ? "no weight (see its note)"
                : derived is not null ? $"ln {derived.Label} with {string.Join(", ", derived.Inputs.Where(i => i != m.Field))}"
                : m.Term == Modeling.TermKind.Log1p ? "ln(x + 1)"
                : "as given";
            var becomes = !m.Weighted ? "—"
                : derived is not null ? string.Create(CultureInfo.InvariantCulture, $"{derived.Label} {Math.Exp(m.Imputed):0.#} {derived.Unit} (never missing: the form requires it)")
                : m.Term == Modeling.TermKind.Log1p ? string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(m.Imputed) - 1:0.###}{(field.Unit is null ? "" : " " + field.Unit)} (ln(x + 1) = {m.Imputed:0.###})")
                : string.Create(CultureInfo.InvariantCulture, $"{m.Imputed:0.###}{(field.Unit is null ? "" : " " + field.Unit)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{m.Field}` | {(m.Required ? "yes" : "no")} | {taken} | {m.Missing} | {becomes} |");
        }

        text.AppendLine();
    }

    private static void Metrics(StringBuilder text, MetricsReport report, DiseaseDefinition disease, TrainingSource source)
    {
        text.AppendLine("## Performance");
        text.AppendLine();
        text.AppendLine("Stratified 10-fold cross-validation, seed 42, out-of-fold predictions pooled. Imputation, scaling, the Platt scaling and any setting chosen from a grid (an L2 penalty) are fitted inside each fold on its training rows only (calibration and choice on an inner 5-fold split). The figures are on the training sample, before any prior shift (see Before and after).");
        text.AppendLine();
        if (report.Performance is { } performance)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The served candidate, {report.Chosen.Name}, with 95% intervals (percentile bootstrap of the {performance.Rows} pooled out-of-fold predictions, {Performance.Resamples} resamples):");
            text.AppendLine();
            text.AppendLine("| measure | value | 95% interval |");
            text.AppendLine("|---|---|---|");
            text.AppendLine(Row("ROC AUC", performance.RocAuc));
            text.AppendLine(Row("Brier score", performance.Brier));
            text.AppendLine(Row("Calibration slope (1 is ideal)", performance.CalibrationSlope));
            text.AppendLine(Row("Calibration intercept (calibration-in-the-large, 0 is ideal)", performance.CalibrationIntercept));
            text.AppendLine();
        }

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
    }

    private static void Subgroups(StringBuilder text, MetricsReport report)
    {
        if (report.Subgroups is not { } groups)
        {
            return;
        }

        text.AppendLine("## Subgroups");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The same out-of-fold predictions, by sex and by age band, with 95% bootstrap intervals; a group needs at least {Performance.MinimumEvents} patients with and {Performance.MinimumEvents} without the disease for figures that mean anything.");
        text.AppendLine();
        text.AppendLine("| group | rows | with the disease | ROC AUC | Brier score | calibration slope | calibration intercept |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var group in groups)
        {
            var name = group.By == "age" ? $"age {group.Group}" : $"sex: {group.Group}";
            text.AppendLine(group.Performance is { } p
                ? string.Create(CultureInfo.InvariantCulture, $"| {name} | {group.Rows} | {group.Events} | {Cell(p.RocAuc)} | {Cell(p.Brier)} | {Cell(p.CalibrationSlope)} | {Cell(p.CalibrationIntercept)} |")
                : string.Create(CultureInfo.InvariantCulture, $"| {name} | {group.Rows} | {group.Events} | {group.Note} | | | |"));
        }

        text.AppendLine();
    }

    private static void DecisionCurve(StringBuilder text, MetricsReport report, DiseaseDefinition disease)
    {
        if (report.DecisionCurve is not { } points || report.Population is not { } population)
        {
            return;
        }

        text.AppendLine("## Clinical usefulness: decision curve");
        text.AppendLine();
        text.AppendLine(population.PriorShift == 0
            ? "Net benefit (Vickers & Elkin, Med Decis Making 2006) of acting on the model's pooled out-of-fold estimates at each threshold, against acting for everyone and for no one (net benefit 0), on the training sample."
            : string.Create(CultureInfo.InvariantCulture, $"Net benefit (Vickers & Elkin, Med Decis Making 2006) of acting on the served (shifted) out-of-fold estimates at each threshold, against acting for everyone and for no one (net benefit 0), with the sample's patients and controls weighted to make up a population in which {population.Prevalence:0.0%} have the disease: the curve the percentages refer to, not the case-control sample's."));
        text.AppendLine();
        text.AppendLine("| threshold | model | treat everyone | treat no one |");
        text.AppendLine("|---|---|---|---|");
        foreach (var point in points.Where(p => Math.Round(p.Threshold * 100) is 5 or 10 or 20 or 30 or 40 or 50 or 60))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {point.Threshold:0%} | {point.Model:0.000} | {point.TreatAll:0.000} | 0 |");
        }

        text.AppendLine();
        text.AppendLine("![Decision curve: net benefit against threshold probability, 5–60%](decision.png)");
        text.AppendLine();
    }

    private static void Interval(StringBuilder text, MetricsReport report, ModelEntry entry)
    {
        if (report.Interval is not { } interval || entry.Interval is not { } info)
        {
            return;
        }

        text.AppendLine("## The 95% interval of each estimate");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Every answer carries a 95% interval for its percentage: how far the model's own estimate could be from where it is, given how few patients it learned from. {info.Method}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- **Measured coverage: {interval.Coverage:0.0%}** of {interval.ValidationPredictions:N0} estimates by {interval.ValidationReplicates} fresh bootstrap replicates, for the patients each did not draw, fell inside the served model's stated interval (target 95%, accepted 92–98%).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Width over the training rows: median {interval.MedianWidthPoints:0.0} percentage points; a tenth are wider than {interval.WidestTenthPoints:0.0}. Estimates near 0% or 100% have narrow intervals in points and wide ones in odds.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Terms: {string.Join(", ", info.Terms.Select(t => $"`{t}`"))}; with a coefficient for a missing value: {(info.Missing.Count == 0 ? "none" : string.Join(", ", info.Missing.Select(t => $"`{t}`")))}.");
        text.AppendLine();
        text.AppendLine("| patient | estimate | 95% interval |");
        text.AppendLine("|---|---|---|");
        foreach (var example in interval.Examples)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {example.Patient} | {Points(example.Probability)} | {Points(example.Lower)} – {Points(example.Upper)} |");
        }

        text.AppendLine();
    }

    private static void Cases(StringBuilder text, MetricsReport report, DiseaseDefinition disease)
    {
        if (report.Cases is not { Count: > 0 } estimates)
        {
            return;
        }

        text.AppendLine("## Clinical cases");
        text.AppendLine();
        text.AppendLine("Patients whose category a clinician can tell in advance (the definition's `Cases`); training stops if the served model answers one outside its range, and the app's tests send each through the API.");
        text.AppendLine();
        text.AppendLine("| patient | accepted | served model | why |");
        text.AppendLine("|---|---|---|---|");
        foreach (var (clinical, probability) in disease.Cases.Zip(estimates))
        {
            var accepted = clinical.Lowest == clinical.Highest ? $"{clinical.Lowest}" : $"{clinical.Lowest} to {clinical.Highest}";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {clinical.Description} | {accepted} | {Percent(probability)} | {clinical.Reason} |");
        }

        text.AppendLine();
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
            var served = disease.Training.Unweighted.Contains(field.Name)
                ? "no weight, by design (see the note below)"
                : !result.HasWeight
                ? "no weight: given the other inputs, this sample pointed the other way, so the model holds the weight at zero and the factor is always 0"
                : string.Create(CultureInfo.InvariantCulture, $"follows it over {Format(field.Min)}–{Format(field.Max)}{(field.Unit is null ? "" : " " + field.Unit)} (largest change {result.Effect:0.0%})");
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{field.Name}` | {(result.Expected == Direction.Raises ? "raises" : "lowers")} | {field.Expected!.Source} | {served} |");
        }

        text.AppendLine();
        foreach (var field in disease.Fields.Where(f => f.FactorNote is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Note every answer's factor for `{field.Name}` carries: {field.FactorNote}");
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
        text.AppendLine(CultureInfo.InvariantCulture, $"Every explanation (the factors of an answer) is measured from this patient, the training rows' median of each number and most common code{(Absent(report, disease) is { Length: > 0 } absent ? $" (the textbook-healthy person's {absent}, which the data do not record)" : "")}: {string.Join(", ", disease.Fields.Select(f => $"{f.Name} {Format(reference[f.Name])}"))}. The served model gives it {probability:0.00%} (the `baseline` of every answer). The manifest carries the same values, so serving and training agree.");
        text.AppendLine();
    }

    private static string Absent(MetricsReport report, DiseaseDefinition disease) =>
        string.Join(", ", (report.Missing ?? []).Where(m => m.Missing == report.Rows).Select(m => m.Field));

    private static string Percent(double probability)
    {
        var percentage = Math.Round(probability * 100, 2, MidpointRounding.AwayFromZero);
        var category = percentage < 30 ? "Low" : percentage <= 60 ? "Moderate" : "High";
        return string.Create(CultureInfo.InvariantCulture, $"{percentage:0.0}% ({category})");
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Row(string label, Estimate estimate) => double.IsNaN(estimate.Lower)
        ? string.Create(CultureInfo.InvariantCulture, $"| {label} | {estimate.Value:0.000} | not computable |")
        : string.Create(CultureInfo.InvariantCulture, $"| {label} | {estimate.Value:0.000} | {estimate.Lower:0.000}–{estimate.Upper:0.000} |");

    /// <summary>"0.983 [0.970–0.995]", or the value alone when its interval could not be computed.</summary>
    private static string Cell(Estimate estimate) => double.IsNaN(estimate.Lower)
        ? estimate.Value.ToString("0.000", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{estimate.Value:0.000} [{estimate.Lower:0.000}–{estimate.Upper:0.000}]");

    /// <summary>A probability as the app shows it: percent with one decimal, or "less than 0.1%" / "more than 99.9%".</summary>
    private static string Points(double probability) => probability switch
    {
        < 0.001 => "less than 0.1%",
        > 0.999 => "more than 99.9%",
        _ => string.Create(CultureInfo.InvariantCulture, $"{probability * 100:0.0}%"),
    };

    private static void Row(StringBuilder text, string label, double chosen, double runnerUp, string? target) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {chosen:0.000} | {runnerUp:0.000} |{(target is null ? "" : $" {target} |")}");
}
