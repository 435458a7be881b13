using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using HealthOracle.Training.Explaining;
using HealthOracle.Training.Modeling;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace HealthOracle.Training.Tests.Modeling;

public sealed class MonotoneLogisticEstimatorTests
{
    [Theory]
    [InlineData("diabetes")]
    [InlineData("liver")]
    [InlineData("kidney")]
    public void Fit_RealData_EveryDirectedWeightHasItsExpectedSignOrIsZero(string key)
    {
        var table = TrainingSources.Load(key, TestData.Datasets).Table;

        var model = Trainer.Fit(table, Candidates.MonotoneLogisticRegression(1), 42);

        var (features, weights) = Weights(model, table);
        var shape = new TermShape(table.Disease, []);
        Assert.All(features.Zip(weights), pair =>
        {
            var expected = table.Disease.Find(pair.First)!.Expected?.Direction;
            // A term that falls as its field rises (kidney's eGFR of creatinine) takes the opposite sign.
            var weight = pair.Second * shape.Monotonicity(table.Disease.IndexOf(pair.First));
            Assert.True(expected switch { Direction.Raises => weight >= 0, Direction.Lowers => weight <= 0, _ => true }, $"{key}.{pair.First}: {pair.Second}");
        });
    }

    [Fact]
    public void Fit_Kidney_UnweightedInputsAreNoFeaturesAndEgfrLowersTheRisk()
    {
        var table = TrainingSources.Load("kidney", TestData.Datasets).Table;

        var (features, weights) = Weights(Trainer.Fit(table, Candidates.MonotoneLogisticRegression(1), 42), table);

        Assert.Empty(features.Intersect(table.Disease.Training.Unweighted));
        Assert.True(weights[Array.IndexOf(features, "serum_creatinine")] < 0, "the weight on ln eGFR");
    }

    [Fact]
    public void Fit_DataThatPointsAgainstADirection_DropsThatInputButKeepsItAsAGraphInput()
    {
        // Pima's diastolic blood pressure has a negative weight once glucose and BMI are in: held to "raises", it gets none.
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var unconstrained = Weights(Trainer.Fit(table, Candidates.LogisticRegression(1), 42), table);
        Assert.True(unconstrained.Weights[Array.IndexOf(unconstrained.Features, "blood_pressure")] < 0);

        var model = Trainer.Fit(table, Candidates.MonotoneLogisticRegression(1), 42);

        Assert.DoesNotContain("blood_pressure", Weights(model, table).Features);
        var result = DirectionSweep.Run(table.Disease, DirectionSweep.BasePatients(table, ReferencePatient.Of(table), table.Disease.Healthy),
            rows => Trainer.Probabilities(Trainer.Calibrate(model, new PlattScaling(-1, 0), table, 42), table with { Rows = rows, Labels = [.. rows.Select(_ => false)] }));
        var pressure = result.Single(r => r.Field == "blood_pressure");
        Assert.False(pressure.HasWeight);
        Assert.All(result, r => Assert.True(r.Follows, r.Field));
    }

    [Fact]
    public void Fit_NoConstraintBinds_SameWeightsAsTheUnconstrainedRegression()
    {
        // The synthetic lung data follow its direction table exactly (they come from that formula).
        var table = TrainingSources.Lung().Table;

        var constrained = Weights(Trainer.Fit(table, Candidates.MonotoneLogisticRegression(1), 42), table);
        var free = Weights(Trainer.Fit(table, Candidates.LogisticRegression(1), 42), table);

        Assert.Equal(free.Features, constrained.Features);
        Assert.Equal(free.Weights, constrained.Weights);
    }

    private static (string[] Features, float[] Weights) Weights(ITransformer model, PatientTable table)
    {
        var linear = (BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>)Trainer.Steps(model).Last();
        // The feature vector's slots are named after the columns concatenated into it.
        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(new TableDataView(table).Schema)[Candidates.Features].GetSlotNames(ref names);
        return ([.. names.DenseValues().Select(n => n.ToString())], [.. linear.Model.SubModel.Weights]);
    }
}
