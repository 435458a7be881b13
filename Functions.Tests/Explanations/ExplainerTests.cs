using CsCheck;
using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions;
using Microsoft.Extensions.Logging.Testing;

namespace HealthOracle.Functions.Tests.Explanations;

/// <summary>The explainer on models built in code, whose coefficients, interactions and symmetries are known.</summary>
public sealed class ExplainerTests
{
    private static readonly DiseaseDefinition Lung = HealthOracle.Diseases.Definitions.Lung.Definition;

    // age, smoking, air quality, alcohol, bmi, family history, activity, occupation: weights on each input's own scale.
    private static readonly float[] Weights = [0.05f, 1.6f, 0.006f, 0.3f, -0.02f, 0.9f, -0.12f, 0.8f];

    private static readonly double[] Reference = [55, 0, 80, 0, 27, 0, 3, 0];

    [Fact]
    public void Explain_LogisticModel_ClosedFormFromTheCoefficientsEqualsEveryCoalitionScored()
    {
        using var additive = ExplanationModels.Constructed(Lung, Weights, -2.2f, Reference);
        using var generic = ExplanationModels.Constructed(Lung, Weights, -2.2f, Reference, additive: false, withLogOdds: false);
        ValidPatients.For(Lung).Sample(patient =>
        {
            var batch = ExplanationModels.Batch(patient);

            var fromRows = ExplanationModels.Explainer.Explain(Lung, generic, batch, ExplanationModels.Probabilities(generic, batch))[0];

            // The closed form: dᵢ = wᵢ·(xᵢ − rᵢ) from the coefficients alone, then the Shapley values of σ(b + w·r + Σ dᵢ).
            var d = Enumerable.Range(0, patient.Length).Select(i => (double)Weights[i] * (patient[i] - Reference[i])).ToArray();
            var closed = new double[d.Length];
            ShapleyValues.FromLogOdds(-2.2 + Enumerable.Range(0, d.Length).Sum(i => Weights[i] * Reference[i]), d, closed, new double[1 << d.Length]);
            var fromTerms = ExplanationModels.Explainer.Explain(Lung, additive, batch, ExplanationModels.Probabilities(additive, batch))[0];
            foreach (var (field, i) in Lung.Fields.Select((f, i) => (f, i)))
            {
                var byRows = fromRows.Factors!.Single(f => f.Field == field.Name).Contribution;
                Assert.Equal(closed[i] * 100, byRows, 0.011);
                Assert.Equal(byRows, fromTerms.Factors!.Single(f => f.Field == field.Name).Contribution, 0.011);
            }
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void Explain_SmallModelWithInteractions_MatchesTheDefinitionScoredCoalitionByCoalition()
    {
        // Not additive: age × smoking and bmi × activity add to the log-odds.
        using var model = ExplanationModels.Constructed(Lung, Weights, -2.2f, Reference, additive: false, withLogOdds: false,
            interactions: [(0, 1, 0.03f), (4, 6, -0.01f)]);
        ValidPatients.For(Lung).Sample(patient =>
        {
            var batch = ExplanationModels.Batch(patient);
            var probabilities = ExplanationModels.Probabilities(model, batch);

            var explanation = ExplanationModels.Explainer.Explain(Lung, model, batch, probabilities)[0];

            // Brute force: every coalition scored on its own, averaged over all 8! orders of the inputs.
            var values = new Dictionary<int, double>();
            var expected = Shapley.ByPermutations(patient.Length, t =>
            {
                if (!values.TryGetValue(t, out var value))
                {
                    var row = Enumerable.Range(0, patient.Length).Select(i => (t & (1 << i)) != 0 ? patient[i] : Reference[i]).ToArray();
                    values[t] = value = ExplanationModels.ScoreAlone(model, row);
                }

                return value;
            });
            foreach (var (field, i) in Lung.Fields.Select((f, i) => (f, i)))
            {
                Assert.Equal(expected[i] * 100, explanation.Factors!.Single(f => f.Field == field.Name).Contribution, 0.011);
            }
        }, iter: 12, threads: 1);
    }

    [Fact]
    public void Explain_ModelDeclaredAdditiveThatIsNot_FallsBackToEveryCoalitionAndSaysSo()
    {
        var logs = new FakeLogger<Explainer>();
        var explainer = new Explainer(logs);
        using var honest = ExplanationModels.Constructed(Lung, Weights, -2.2f, Reference, additive: false, interactions: [(0, 1, 0.05f)]);
        using var mislabelled = ExplanationModels.Constructed(Lung, Weights, -2.2f, Reference, additive: true, interactions: [(0, 1, 0.05f)]);
        var batch = ExplanationModels.Batch([70, 1, 150, 1, 31, 1, 1, 1]);

        var expected = explainer.Explain(Lung, honest, batch, ExplanationModels.Probabilities(honest, batch))[0];
        var actual = explainer.Explain(Lung, mislabelled, batch, ExplanationModels.Probabilities(mislabelled, batch))[0];

        Assert.Equal(expected.Factors, actual.Factors);
        Assert.Contains(logs.Collector.GetSnapshot(), r => r.Id.Id == 4001);
    }

    [Fact]
    public void Explain_TwoInputsWithTheSameWeightAndTheSameChange_GetTheSameContribution()
    {
        // family_history and occupation_exposure: both 0/1, given the same weight.
        float[] weights = [.. Weights];
        weights[5] = weights[7] = 0.85f;
        using var model = ExplanationModels.Constructed(Lung, weights, -2.2f, Reference);
        var batch = ExplanationModels.Batch([62, 1, 200, 0, 24, 1, 2, 1]);

        var factors = ExplanationModels.Explainer.Explain(Lung, model, batch, ExplanationModels.Probabilities(model, batch))[0].Factors!;

        Assert.Equal(factors.Single(f => f.Field == "family_history").Contribution, factors.Single(f => f.Field == "occupation_exposure").Contribution);
        Assert.True(factors.Single(f => f.Field == "family_history").Contribution > 0);
    }

    [Fact]
    public void Explain_AnInputTheModelGivesNoWeight_ContributesZeroWhateverItsValue()
    {
        float[] weights = [.. Weights];
        weights[3] = 0;
        using var model = ExplanationModels.Constructed(Lung, weights, -2.2f, Reference);
        ValidPatients.For(Lung).Sample(patient =>
        {
            var batch = ExplanationModels.Batch(patient);

            var factors = ExplanationModels.Explainer.Explain(Lung, model, batch, ExplanationModels.Probabilities(model, batch))[0].Factors!;

            var alcohol = factors.Single(f => f.Field == "alcohol_consumption");
            Assert.Equal(0, alcohol.Contribution);
            Assert.Equal("none", alcohol.Direction);
        }, iter: 50, threads: 1);
    }

    [Fact]
    public void Explain_AnyPatient_FactorsAddUpToTheEstimateLessTheBaselineAndComeLargestFirst()
    {
        using var model = ExplanationModels.Constructed(Lung, Weights, -2.2f, Reference);
        ValidPatients.For(Lung).Array[1, 20].Sample(patients =>
        {
            var batch = ExplanationModels.Batch(patients);
            var probabilities = ExplanationModels.Probabilities(model, batch);

            var explanations = ExplanationModels.Explainer.Explain(Lung, model, batch, probabilities);

            for (var p = 0; p < patients.Length; p++)
            {
                var factors = explanations[p].Factors!;
                Assert.Equal(Risk.Percentage(probabilities[p]) - explanations[p].Baseline!.Value, factors.Sum(f => f.Contribution), 1e-9);
                Assert.Equal(Lung.Fields.Count, factors.Count);
                Assert.Equal(factors.OrderByDescending(f => Math.Abs(f.Contribution)).Select(f => f.Contribution), factors.Select(f => f.Contribution));
                Assert.All(factors, f => Assert.Equal(f.Contribution > 0 ? "raises" : f.Contribution < 0 ? "lowers" : "none", f.Direction));
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void Explain_PatientEqualToTheReference_EveryFactorZeroAndTheEstimateIsTheBaseline()
    {
        using var model = ExplanationModels.Constructed(Lung, Weights, -2.2f, Reference);
        var batch = ExplanationModels.Batch(Reference);

        var explanation = ExplanationModels.Explainer.Explain(Lung, model, batch, ExplanationModels.Probabilities(model, batch))[0];

        Assert.All(explanation.Factors!, f => Assert.Equal(0, f.Contribution));
        Assert.Equal(Risk.Percentage(ExplanationModels.ScoreAlone(model, Reference)), explanation.Baseline);
    }

    [Fact]
    public void Explain_ManifestWithoutAReferencePatient_NoFactorsButWhatIfStill()
    {
        using var model = ExplanationModels.Constructed(Lung, Weights, -2.2f, reference: null);
        var batch = ExplanationModels.Batch([60, 1, 120, 1, 31, 0, 1, 0]);

        var explanation = ExplanationModels.Explainer.Explain(Lung, model, batch, ExplanationModels.Probabilities(model, batch))[0];

        Assert.Null(explanation.Factors);
        Assert.Null(explanation.Baseline);
        Assert.Equal(["smoking_status", "alcohol_consumption", "bmi", "physical_activity_level"], explanation.WhatIf.Select(w => w.Field));
    }

    [Fact]
    public void Explain_ChangeableInputsAwayFromTarget_WhatIfIsTheModelWithThatInputAtTheNearestHealthyValue()
    {
        using var model = ExplanationModels.Constructed(Lung, Weights, -2.2f, Reference);
        double[] patient = [60, 1, 120, 0, 31, 0, 6, 0];
        var batch = ExplanationModels.Batch(patient);
        var probabilities = ExplanationModels.Probabilities(model, batch);

        var whatIf = ExplanationModels.Explainer.Explain(Lung, model, batch, probabilities)[0].WhatIf;

        // Smoking (1 → 0) and BMI (31 → 24.9) are away from target; alcohol (0) and activity (6 of 5–7) are not.
        Assert.Equal(["smoking_status", "bmi"], whatIf.Select(w => w.Field));
        var bmi = whatIf.Single(w => w.Field == "bmi");
        Assert.Equal((31.0, 24.9), (bmi.Value, bmi.Target));
        var atTarget = Risk.Percentage(ExplanationModels.ScoreAlone(model, [60, 1, 120, 0, 24.9, 0, 6, 0]));
        Assert.Equal(atTarget, bmi.RiskPercentage);
        Assert.Equal(Math.Round(atTarget - Risk.Percentage(probabilities[0]), 2), bmi.Difference);
        Assert.Equal(Risk.Categorize(atTarget), bmi.Category);
    }
}
