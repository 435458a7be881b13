using System.Numerics;
using HealthOracle.Diseases;
using HealthOracle.Functions.Models;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Explanations;

/// <summary>
/// Explains predictions with the served model itself, in the same lease: every input's exact Shapley value
/// (percentage points from the reference patient the manifest names), and for every changeable input away from its
/// healthy target the estimate with that input at the target.
/// </summary>
/// <remarks>
/// An input whose value equals the reference's changes nothing in any coalition, so its value is exactly 0 and the
/// others are computed over the m inputs that differ. When the manifest says the model's log-odds are a sum of one
/// term per input and the graph gives its log-odds, one row per differing input (the reference with that input
/// alone changed) gives every term, and the 2ᵐ coalitions follow by addition (<see cref="ShapleyValues.FromLogOdds"/>);
/// the patient's own log-odds must then equal the reference's plus the terms, which checks the claim on every
/// request. Inputs the manifest lists as interacting (acting together through one term: creatinine, age and sex
/// through eGFR) add one row per subset of two or more of their differing members, and a coalition adds the group's
/// effect on its members in it. Otherwise, or when that check fails, all 2ᵐ coalitions are scored through the session in one run.
/// All rows of a request (reference, patients, single changes, what-ifs) go through one ONNX run, which may hold the caller's
/// own rows too (<see cref="Plan"/>, <see cref="Complete"/>: a prediction's patients and healthy comparisons).
/// </remarks>
internal sealed partial class Explainer(ILogger<Explainer> logger)
{
    /// <summary>Explains <paramref name="count"/> validated patients (<paramref name="values"/> row-major in field order, NaN where not given) in a run of their own.</summary>
    public PatientExplanation[] Explain(DiseaseDefinition disease, LoadedModel model, double[] values, int count, ReadOnlySpan<float> probabilities)
    {
        var rows = new ModelRows(disease.Fields.Count, count * (disease.Fields.Count + 3));
        var plan = Plan(disease, model, values, count, rows);
        return Complete(plan, rows.Score(model, everyOutput: plan.Additive), probabilities);
    }

    /// <summary>
    /// Adds the rows that explaining <paramref name="count"/> validated patients needs to <paramref name="rows"/>, which may hold
    /// other rows of the same run (a caller scores them all at once, with every output, and hands the result to <see cref="Complete"/>).
    /// </summary>
    public ExplanationPlan Plan(DiseaseDefinition disease, LoadedModel model, double[] values, int count, ModelRows rows)
    {
        var n = disease.Fields.Count;
        var reference = model.Entry.Explanation?.Reference;
        var additive = reference is not null && model.Entry.Explanation!.Additive && model.HasLogOdds;
        var groups = additive ? Groups(disease, model.Entry.Explanation!.Interactions ?? []) : [];
        var referenceRow = reference is null ? null : reference.Select(v => (float)v).ToArray();
        var referenceIndex = referenceRow is null ? -1 : rows.Add(referenceRow);
        var plans = new PatientPlan[count];
        var patient = new float[n];
        for (var p = 0; p < count; p++)
        {
            for (var f = 0; f < n; f++)
            {
                patient[f] = (float)values[(p * n) + f];
            }

            var differing = referenceRow is null ? [] : Differing(patient, referenceRow);
            var patientRow = -1;
            var firstSingle = rows.Count;
            List<GroupRows>? interacting = null;
            if (additive)
            {
                patientRow = rows.Add(patient);
                firstSingle = rows.Count;
                foreach (var f in differing)
                {
                    rows.AddWith(referenceRow!, f, patient[f]);
                }

                interacting = GroupRowsFor(groups, differing, referenceRow!, patient, rows);
            }

            var firstWhatIf = rows.Count;
            var whatIf = new List<int>();
            for (var f = 0; f < n; f++)
            {
                var value = values[(p * n) + f];
                if (disease.Fields[f].Target is { } target && !double.IsNaN(value) && !target.Contains(value))
                {
                    rows.AddWith(patient, f, (float)target.Nearest(value));
                    whatIf.Add(f);
                }
            }

            plans[p] = new PatientPlan(differing, (float[])patient.Clone(), values.AsSpan(p * n, n).ToArray(), patientRow, firstSingle, firstWhatIf, whatIf) { Groups = interacting };
        }

        return new ExplanationPlan(disease, model, reference, referenceRow, referenceIndex, additive, plans);
    }

    /// <summary>The explanations of a <see cref="Plan"/> from its rows' scores (<paramref name="probabilities"/>: the patients' own).</summary>
    public PatientExplanation[] Complete(ExplanationPlan explanation, ScoredRows scored, ReadOnlySpan<float> probabilities)
    {
        var (disease, model, reference, referenceRow, referenceIndex, additive, plans) = explanation;
        if (additive && scored.LogOdds.Length == 0)
        {
            throw new ArgumentException("An additive explanation needs its rows' log-odds: score them with every output.", nameof(scored));
        }

        var results = new PatientExplanation[plans.Length];
        // The 2ᵐ coalitions of the additive path: one buffer for the whole batch, for its largest m.
        var scratch = additive && plans.Length > 0 ? new double[1 << plans.Max(plan => plan.Differing.Length)] : null;
        for (var p = 0; p < plans.Length; p++)
        {
            var plan = plans[p];
            var risk = Risk.Percentage(probabilities[p]);
            var whatIf = plan.WhatIf.Select((f, k) => WhatIf(disease, plan, f, scored.Probabilities[plan.FirstWhatIf + k], risk)).ToArray();
            if (referenceRow is null)
            {
                results[p] = new PatientExplanation(null, null, whatIf);
                continue;
            }

            var phi = (additive ? FromTerms(plan, scored, referenceIndex, scratch!) : null) ?? Generic(model, plan, referenceRow);
            var baseline = Risk.Percentage(scored.Probabilities[referenceIndex]);
            results[p] = new PatientExplanation(baseline, Factors(disease, plan, reference!, phi, risk - baseline), whatIf);
        }

        return results;
    }

    /// <summary>Shapley values (probability) from the additive terms, or null when the patient's log-odds are not the reference's plus the terms.</summary>
    private double[]? FromTerms(PatientPlan plan, ScoredRows scored, int referenceIndex, double[] scratch)
    {
        var m = plan.Differing.Length;
        var baseLogOdds = (double)scored.LogOdds[referenceIndex];
        var d = new double[m];
        var sum = baseLogOdds;
        var magnitude = Math.Abs(baseLogOdds);
        for (var k = 0; k < m; k++)
        {
            var single = (double)scored.LogOdds[plan.FirstSingle + k];
            d[k] = single - baseLogOdds;
            sum += d[k];
            magnitude += Math.Abs(single);
        }

        // Inputs that act together through one term (creatinine, age and sex through eGFR): each group's effect on every subset of its differing members.
        var effects = new List<(int[] Members, double[] Effect)>();
        foreach (var group in plan.Groups ?? [])
        {
            var effect = new double[1 << group.Members.Length];
            for (var mask = 1; mask < effect.Length; mask++)
            {
                effect[mask] = group.RowOfMask[mask] < 0
                    ? d[group.Members[BitOperations.TrailingZeroCount(mask)]]
                    : (double)scored.LogOdds[group.RowOfMask[mask]] - baseLogOdds;
            }

            foreach (var member in group.Members)
            {
                sum -= d[member];
            }

            sum += effect[^1];
            magnitude += Math.Abs(effect[^1] + baseLogOdds);
            effects.Add((group.Members, effect));
        }

        var patient = (double)scored.LogOdds[plan.PatientRow];
        // float32 log-odds carry about 7 significant digits; a model that is not additive misses by far more.
        if (double.IsNaN(patient) || Math.Abs(sum - patient) > 1e-4 + (4e-7 * (magnitude + Math.Abs(patient))))
        {
            LogNotAdditive(logger, plan.Differing.Length);
            return null;
        }

        var phi = new double[m];
        if (effects.Count == 0)
        {
            ShapleyValues.FromLogOdds(baseLogOdds, d, phi, scratch);
            return phi;
        }

        // Every coalition's log-odds: the base, the terms of the members that act alone, and each group's effect on its members in the coalition.
        var coalitions = scratch[..(1 << m)];
        var grouped = 0;
        foreach (var (members, _) in effects)
        {
            grouped |= members.Aggregate(0, (bits, k) => bits | (1 << k));
        }

        for (var t = 0; t < coalitions.Length; t++)
        {
            var value = baseLogOdds;
            for (var k = 0; k < m; k++)
            {
                if ((t & (1 << k) & ~grouped) != 0)
                {
                    value += d[k];
                }
            }

            foreach (var (members, effect) in effects)
            {
                var sub = 0;
                for (var i = 0; i < members.Length; i++)
                {
                    sub |= ((t >> members[i]) & 1) << i;
                }

                value += effect[sub];
            }

            coalitions[t] = value;
        }

        ShapleyValues.Sigmoid(coalitions);
        ShapleyValues.FromCoalitions(coalitions, phi);
        return phi;
    }

    /// <summary>The inputs of each declared interaction, as field indices (names this disease does not have are ignored).</summary>
    private static int[][] Groups(DiseaseDefinition disease, IReadOnlyList<IReadOnlyList<string>> interactions) =>
        [.. interactions.Select(group => group.Where(name => disease.Find(name) is not null).Select(disease.IndexOf).ToArray()).Where(g => g.Length > 1)];

    /// <summary>
    /// For each group with two or more differing members: one row per subset of them with two or more members (the reference
    /// with those values changed), in increasing subset order; the singletons are the single-change rows already added.
    /// </summary>
    private static List<GroupRows>? GroupRowsFor(int[][] groups, int[] differing, float[] reference, float[] patient, ModelRows rows)
    {
        List<GroupRows>? found = null;
        foreach (var group in groups)
        {
            var members = Enumerable.Range(0, differing.Length).Where(k => group.Contains(differing[k])).ToArray();
            if (members.Length < 2)
            {
                continue;
            }

            var rowOfMask = new int[1 << members.Length];
            var row = new float[reference.Length];
            for (var mask = 0; mask < rowOfMask.Length; mask++)
            {
                if (BitOperations.PopCount((uint)mask) < 2)
                {
                    rowOfMask[mask] = -1;
                    continue;
                }

                reference.CopyTo(row, 0);
                for (var i = 0; i < members.Length; i++)
                {
                    if ((mask & (1 << i)) != 0)
                    {
                        row[differing[members[i]]] = patient[differing[members[i]]];
                    }
                }

                rowOfMask[mask] = rows.Add(row);
            }

            (found ??= []).Add(new GroupRows(members, rowOfMask));
        }

        return found;
    }


    /// <summary>Shapley values (probability) from all 2ᵐ coalitions of the differing inputs, scored in one run.</summary>
    private static double[] Generic(LoadedModel model, PatientPlan plan, float[] reference)
    {
        var m = plan.Differing.Length;
        if (m > ShapleyValues.MaxPlayers)
        {
            throw new InvalidOperationException($"{m} differing inputs: more than the {ShapleyValues.MaxPlayers} exact Shapley values are computed for.");
        }

        var count = 1 << m;
        var rows = new ModelRows(reference.Length, count);
        var row = new float[reference.Length];
        for (var t = 0; t < count; t++)
        {
            reference.CopyTo(row, 0);
            for (var k = 0; k < m; k++)
            {
                if ((t & (1 << k)) != 0)
                {
                    row[plan.Differing[k]] = plan.Patient[plan.Differing[k]];
                }
            }

            rows.Add(row);
        }

        var coalitions = rows.Score(model, everyOutput: false).Probabilities.Select(v => (double)v).ToArray();
        var phi = new double[m];
        ShapleyValues.FromCoalitions(coalitions, phi);
        return phi;
    }

    private static Factor[] Factors(DiseaseDefinition disease, PatientPlan plan, IReadOnlyList<double> reference, double[] phi, double total)
    {
        var points = new double[disease.Fields.Count];
        for (var k = 0; k < plan.Differing.Length; k++)
        {
            points[plan.Differing[k]] = phi[k] * 100;
        }

        var rounded = ContributionRounding.Round(points, total);
        return
        [
            .. disease.Fields
                .Select((field, f) => new Factor(
                    field.Name,
                    field.Label,
                    double.IsNaN(plan.Values[f]) ? null : plan.Values[f],
                    reference[f],
                    rounded[f],
                    rounded[f] > 0 ? "raises" : rounded[f] < 0 ? "lowers" : "none") { Note = field.FactorNote })
                .Select((factor, f) => (factor, f))
                .OrderByDescending(x => Math.Abs(x.factor.Contribution))
                .ThenByDescending(x => Math.Abs(points[x.f]))
                .ThenBy(x => x.f)
                .Select(x => x.factor),
        ];
    }

    private static WhatIfResult WhatIf(DiseaseDefinition disease, PatientPlan plan, int field, float probability, double risk)
    {
        var definition = disease.Fields[field];
        var value = plan.Values[field];
        var percentage = Risk.Percentage(probability);
        return new WhatIfResult(definition.Name, definition.Label, value, definition.Target!.Nearest(value), percentage,
            Risk.Categorize(percentage), Math.Round(percentage - risk, 2, MidpointRounding.AwayFromZero));
    }

    private static int[] Differing(float[] patient, float[] reference)
    {
        var differing = new List<int>(patient.Length);
        for (var f = 0; f < patient.Length; f++)
        {
            if (!(patient[f] == reference[f] || (float.IsNaN(patient[f]) && float.IsNaN(reference[f]))))
            {
                differing.Add(f);
            }
        }

        return [.. differing];
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "A model declared additive did not add up for a patient with {Differing} differing inputs; scored every coalition instead")]
    private static partial void LogNotAdditive(ILogger logger, int differing);

    /// <summary>What one patient needs: the inputs that differ from the reference, its row as the model sees it and as sent, and where its rows are.</summary>
    internal sealed record PatientPlan(int[] Differing, float[] Patient, double[] Values, int PatientRow, int FirstSingle, int FirstWhatIf, List<int> WhatIf)
    {
        /// <summary>The groups of inputs that act together through one term and differ from the reference in two or more members.</summary>
        public List<GroupRows>? Groups { get; init; }
    }

    /// <summary>A group's differing members (positions in <see cref="PatientPlan.Differing"/>) and the row of each subset of two or more of them (−1 otherwise).</summary>
    internal sealed record GroupRows(int[] Members, int[] RowOfMask);

    /// <summary>What <see cref="Plan"/> added to a run: the reference's row (−1 without one) and each patient's rows.</summary>
    internal sealed record ExplanationPlan(
        DiseaseDefinition Disease, LoadedModel Model, IReadOnlyList<double>? Reference, float[]? ReferenceRow, int ReferenceIndex, bool Additive, PatientPlan[] Patients);
}
