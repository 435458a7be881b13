using CsCheck;
using HealthOracle.Diseases;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions.Healthy;

namespace HealthOracle.Functions.Tests.Explanations;

/// <summary>
/// An explained prediction scores its patients' healthy comparisons and the explainer's rows in one ONNX run
/// (PredictionService); the served models give the same explanations and healthy estimates as a run for each part, but
/// for ONNX Runtime's last bit, which differs with a run's rows (so two factors within 10⁻⁷ of each other may swap places).
/// </summary>
public sealed class OneRunTests
{
    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public void OneRun_RandomValidPatients_EqualsARunForEachPart(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var model = ExplanationModels.Real(key);
        Gen.Int[1, 3].SelectMany(count => ValidPatients.For(disease).Array[count]).Sample(patients =>
        {
            var batch = ExplanationModels.Batch(patients);
            var count = patients.Length;
            var probabilities = ExplanationModels.Probabilities(model, batch);
            var apart = ExplanationModels.Explainer.Explain(disease, model, batch, probabilities);
            var (healthyRows, _) = HealthyPatients.Of(disease, batch);
            var healthyApart = ExplanationModels.Probabilities(model, healthyRows);

            var rows = new ModelRows(batch.Fields, count * (batch.Fields + 4));
            Assert.Equal(0, rows.AddRows(healthyRows.Values));
            var plan = ExplanationModels.Explainer.Plan(disease, model, batch.Values, count, rows);
            var scored = rows.Score(model, everyOutput: true);
            var together = ExplanationModels.Explainer.Complete(plan, scored, probabilities);

            for (var p = 0; p < count; p++)
            {
                Assert.Equal(apart[p].Baseline!.Value, together[p].Baseline!.Value, 0.0101);
                Assert.Equal(apart[p].Factors!.Select(f => f.Field).Order(), together[p].Factors!.Select(f => f.Field).Order());
                foreach (var factor in together[p].Factors!)
                {
                    // Contributions are rounded to 0.01; float32 scoring differs by far less.
                    Assert.Equal(apart[p].Factors!.Single(f => f.Field == factor.Field).Contribution, factor.Contribution, 0.0101);
                }

                Assert.Equal(apart[p].WhatIf.Select(w => w.Field), together[p].WhatIf.Select(w => w.Field));
                Assert.All(apart[p].WhatIf.Zip(together[p].WhatIf), pair => Assert.Equal(pair.First.RiskPercentage, pair.Second.RiskPercentage, 0.0101));
            }

            for (var p = 0; p < count; p++)
            {
                Assert.Equal(healthyApart[p], scored.Probabilities[p], 1e-6);
            }
        }, iter: 30, threads: 1);
    }

    [Fact]
    public void Complete_AdditivePlanScoredWithoutLogOdds_IsRefused()
    {
        var disease = DiseaseCatalog.Get("heart");
        var model = ExplanationModels.Real("heart");
        var batch = ExplanationModels.Batch([.. disease.Fields.Select(f => disease.Example.TryGetValue(f.Name, out var value) ? value : double.NaN)]);
        var rows = new ModelRows(batch.Fields, 32);
        var plan = ExplanationModels.Explainer.Plan(disease, model, batch.Values, 1, rows);

        var scored = rows.Score(model, everyOutput: false);

        Assert.True(plan.Additive);
        Assert.Throws<ArgumentException>(() => ExplanationModels.Explainer.Complete(plan, scored, scored.Probabilities));
    }
}
