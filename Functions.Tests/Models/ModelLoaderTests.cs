using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Functions.Tests.Models;

public sealed class ModelLoaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LoadAsync_ContractModel_LoadsAndScoresOutputsOfShapeNOrN1(bool flatOutput)
    {
        var model = TestModels.For("lung", bias: 1f, weights: new float[8], flatOutput: flatOutput);
        var store = new TestModelStore();
        store.Publish(model);

        using var loaded = await new ModelLoader(store, TimeProvider.System).LoadAsync(model.Entry, CancellationToken.None);
        var probabilities = new float[3];
        loaded.Score(new float[8 * 3], 3, probabilities);

        Assert.All(probabilities, p => Assert.Equal(1 / (1 + Math.Exp(-1)), p, 5));
    }

    [Fact]
    public async Task LoadAsync_TamperedBytes_IsRefusedAsHashMismatch()
    {
        var (entry, bytes) = TestModels.For("heart");
        var tampered = (byte[])bytes.Clone();
        tampered[^1] ^= 0xFF;
        var store = new TestModelStore();
        store.Publish((entry, tampered));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelLoader(store, TimeProvider.System).LoadAsync(entry, CancellationToken.None));

        Assert.Equal(ModelUnavailableReason.HashMismatch, error.Reason);
    }

    [Fact]
    public async Task LoadAsync_GraphWithWrongInputs_IsRefused()
    {
        var inputs = DiseaseSchemas.HeartSchema.InputNames.Select(n => n == "chol" ? "cholesterol" : n).ToArray();
        var bytes = TestOnnxModel.Build(inputs, TestOnnxModel.SpreadWeights(inputs.Length), 0);
        var entry = TestModels.Entry("heart", "bad", bytes);
        var store = new TestModelStore();
        store.Publish((entry, bytes));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelLoader(store, TimeProvider.System).LoadAsync(entry, CancellationToken.None));

        Assert.Equal(ModelUnavailableReason.InputsMismatch, error.Reason);
    }

    [Fact]
    public async Task LoadAsync_ManifestInputsInAnotherOrder_IsRefused()
    {
        var (_, bytes) = TestModels.For("diabetes");
        var entry = TestModels.Entry("diabetes", "bad", bytes, DiseaseSchemas.DiabetesSchema.InputNames.Reverse().ToArray());
        var store = new TestModelStore();
        store.Publish((entry, bytes));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelLoader(store, TimeProvider.System).LoadAsync(entry, CancellationToken.None));

        Assert.Equal(ModelUnavailableReason.InputsMismatch, error.Reason);
    }

    [Fact]
    public async Task LoadAsync_OutputNameNotInGraph_IsRefused()
    {
        var (entry, bytes) = TestModels.For("liver");
        entry = entry with { Output = "Probability.output" };
        var store = new TestModelStore();
        store.Publish((entry, bytes));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelLoader(store, TimeProvider.System).LoadAsync(entry, CancellationToken.None));

        Assert.Equal(ModelUnavailableReason.OutputMismatch, error.Reason);
    }

    [Fact]
    public async Task LoadAsync_CorruptOnnx_IsRefusedAsCorrupt()
    {
        var bytes = Enumerable.Range(0, 500).Select(i => (byte)(i * 7)).ToArray();
        var entry = TestModels.Entry("heart", "corrupt", bytes);
        var store = new TestModelStore();
        store.Publish((entry, bytes));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelLoader(store, TimeProvider.System).LoadAsync(entry, CancellationToken.None));

        Assert.Equal(ModelUnavailableReason.Corrupt, error.Reason);
    }
}
