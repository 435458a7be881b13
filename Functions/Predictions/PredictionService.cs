using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Predictions.Healthy;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// Scores validated patients: leases the disease's model, scores them in one run (explained, one more run scores their
/// healthy comparisons and the explainer's rows) and maps each answer; a caller's answers are then told to the observers
/// (<see cref="IPredictionObserver"/>).
/// No HTTP here: a model that cannot be served is a <see cref="ModelUnavailableException"/>.
/// </summary>
internal sealed class PredictionService(
    ModelRegistry registry, Explainer explainer, IEnumerable<IPredictionObserver> observers, IEnumerable<IPredictionReplay> replays, TimeProvider time,
    ILogger<PredictionService> logger)
{
    private readonly IPredictionObserver[] _observers = [.. observers];
    private readonly IPredictionReplay[] _replays = [.. replays];

    /// <summary>
    /// A caller's prediction: the answer kept for this very request if a feature has one (a retry, <see cref="IPredictionReplay"/>);
    /// else scored (and explained unless asked not to), then told to every observer, whose note goes on each answer.
    /// </summary>
    public async ValueTask<PredictionResult[]> AnswerAsync(
        DiseaseDefinition disease, PatientBatch batch, PredictionOptions options, Caller? caller, CancellationToken cancellationToken)
    {
        var requested = _replays.Length > 0 ? RequestedPredictions.Of(disease, batch, options, caller) : null;
        foreach (var replay in _replays)
        {
            if (await replay.ReplayAsync(requested!, cancellationToken) is { } kept)
            {
                return kept;
            }
        }

        PredictionResult[] results;
        try
        {
            results = await PredictAsync(disease, batch, options.Explain, cancellationToken);
        }
        catch (Exception) when (requested is not null)
        {
            // A model that cannot be served (503), a cancelled request: nothing was answered, so nothing stays held for it.
            foreach (var replay in _replays)
            {
                await replay.AbandonAsync(requested);
            }

            throw;
        }

        var answered = new AnsweredPredictions(caller, options, batch.IsArray, results, TypedUnits(disease, batch));
        foreach (var observer in _observers)
        {
            if (await observer.OnAnsweredAsync(answered, cancellationToken) is { } note)
            {
                results = [.. results.Select(r => r with { History = note })];
            }
        }

        return results;
    }

    /// <summary>Scores validated patients in one ONNX run, in order, and explains them unless <paramref name="explain"/> is false.</summary>
    public async ValueTask<PredictionResult[]> PredictAsync(DiseaseDefinition disease, PatientBatch batch, bool explain, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var activity = PredictionTelemetry.StartScoring(disease, batch.Count);
        using var lease = await registry.AcquireAsync(disease.Key, cancellationToken);
        var entry = lease.Model.Entry;
        var probabilities = new float[batch.Count];
        var intervals = new RiskInterval?[batch.Count];
        PatientExplanation[]? explanations = null;
        HealthyComparison[]? healthy = null;
        if (explain)
        {
            (explanations, healthy) = ScoreExplained(disease, lease.Model, batch, probabilities, intervals);
        }
        else
        {
            lease.Model.Score(batch.ToColumns(), batch.Count, probabilities, intervals);
        }

        var model = new ModelInfo(entry.Name, entry.Version, entry.Sha256, entry.Synthetic, entry.Notice ?? (entry.Synthetic ? Disclaimers.Synthetic : null))
        {
            Population = PopulationSummary.Of(entry.Population),
        };
        var results = new PredictionResult[batch.Count];
        for (var p = 0; p < results.Length; p++)
        {
            var probability = (double)probabilities[p];
            if (!double.IsFinite(probability) || probability is < 0 or > 1)
            {
                // A model defect, not bad input: the middleware answers 500 and it is logged.
                throw new InvalidOperationException($"The {disease.Key} model {entry.Version} returned a value that is not a probability.");
            }

            var percentage = Risk.Percentage(probability);
            var category = Risk.Categorize(percentage);
            results[p] = new PredictionResult(
                disease.Key, Math.Round(probability, 4), percentage, category, disease.Advice.For(category), Inputs(disease, batch, p), model, Disclaimers.NotADiagnosis)
            {
                NotMeasured = PatientNotes.NotMeasured(disease, batch, p),
                Warnings = PatientNotes.Warnings(disease, batch, p),
                Interval = intervals[p],
            }
                .With(explanations?[p]) with { Healthy = healthy?[p] };
        }

        PredictionTelemetry.Scored(activity, disease, entry.Version, results);
        Log.Scored(logger, batch.Count, disease.Key, entry.Version, (long)time.GetElapsedTime(started).TotalMicroseconds);
        return results;
    }

    /// <summary>
    /// The patients scored as unexplained ones are (the same numbers whether explained or not: ONNX Runtime's last bit can
    /// differ between a run of one row and of several), then their healthy comparisons (changeable values at their targets)
    /// and the explainer's rows in one more run with every output: a run of a model this small costs about the same
    /// whatever its rows (<see cref="ModelRows"/>).
    /// </summary>
    private (PatientExplanation[] Explanations, HealthyComparison[] Healthy) ScoreExplained(
        DiseaseDefinition disease, LoadedModel model, PatientBatch batch, float[] probabilities, RiskInterval?[] intervals)
    {
        var count = batch.Count;
        model.Score(batch.ToColumns(), count, probabilities, intervals);
        var rows = new ModelRows(batch.Fields, count * (batch.Fields + 4));
        var (healthyRows, changes) = HealthyPatients.Of(disease, batch);
        var firstHealthy = rows.AddRows(healthyRows.Values);
        var plan = explainer.Plan(disease, model, batch.Values, count, rows);
        var scored = rows.Score(model, everyOutput: true);
        var note = HealthyPatients.Note(disease);
        var healthy = new HealthyComparison[count];
        for (var p = 0; p < count; p++)
        {
            var percentage = Risk.Percentage(scored.Probabilities[firstHealthy + p]);
            healthy[p] = new HealthyComparison(percentage, Risk.Categorize(percentage), changes[p], note) { Interval = scored.IntervalOf(firstHealthy + p) };
        }

        return (explainer.Complete(plan, scored, probabilities), healthy);
    }

    /// <summary>The form's units other than the fields' own, by field name (null: every value in its field's unit, or JSON).</summary>
    private static Dictionary<string, string>? TypedUnits(DiseaseDefinition disease, PatientBatch batch) =>
        batch.TypedUnits is not { } units ? null
        : disease.Fields.Select((field, f) => (field.Name, Unit: f < units.Count ? units[f] : null)).Where(u => u.Unit is not null)
            .ToDictionary(u => u.Name, u => u.Unit!, StringComparer.Ordinal) is { Count: > 0 } typed ? typed : null;

    private static Dictionary<string, double?> Inputs(DiseaseDefinition disease, PatientBatch batch, int patient)
    {
        var inputs = new Dictionary<string, double?>(disease.Fields.Count, StringComparer.Ordinal);
        for (var f = 0; f < disease.Fields.Count; f++)
        {
            var value = batch.Value(patient, f);
            inputs[disease.Fields[f].Name] = double.IsNaN(value) ? null : value;
        }

        return inputs;
    }
}
