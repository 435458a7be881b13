using HealthOracle.Diseases.Definitions;
using HealthOracle.Functions.Models;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

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

    [Theory]
    [InlineData("heart")]
    [InlineData("diabetes")]
    [InlineData("liver")]
    [InlineData("lung")]
    public async Task Score_OnePatientAtATime_MatchesTheSamePatientsScoredAsABatch(string disease)
    {
        var manifest = System.Text.Json.JsonSerializer.Deserialize(
            File.ReadAllBytes(Path.Combine(TestSupport.RepositoryPaths.Models, HealthOracle.Diseases.Manifest.ModelManifest.BlobName)),
            HealthOracle.Diseases.Manifest.ModelManifestJsonContext.Default.ModelManifest)!;
        var entry = manifest.Models[disease];
        var store = new TestModelStore();
        store.Publish((entry, File.ReadAllBytes(Path.Combine(TestSupport.RepositoryPaths.Models, entry.BlobPath))));
        using var loaded = await new ModelLoader(store, TimeProvider.System).LoadAsync(entry, CancellationToken.None);
        const int rows = 64;
        var inputs = loaded.InputCount;
        Assert.Equal(entry.Inputs.Count, inputs);
        var random = new Random(7);
        // Around a valid patient, so that the probabilities spread rather than saturate at 0 or 1.
        var patients = Enumerable.Range(0, rows)
            .Select(_ => entry.Inputs.Select(field => (float)(Predictions.TestPatients.Value(disease, field) * (0.6 + (0.8 * random.NextDouble())))).ToArray())
            .ToArray();
        var columns = new float[inputs * rows];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < inputs; i++)
            {
                columns[(i * rows) + r] = patients[r][i];
            }
        }

        var batch = new float[rows];
        loaded.Score(columns, rows, batch);
        // One at a time, from many threads at once: the pooled single-row bindings must never mix patients.
        var alone = new float[rows];
        Parallel.For(0, rows * 20, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var r = n % rows;
            Span<float> probability = stackalloc float[1];
            loaded.Score(patients[r], 1, probability);
            alone[r] = probability[0];
            Assert.Equal(batch[r], probability[0], tolerance: 1e-6);
        });

        Assert.Equal(batch, alone, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.True(batch.Distinct().Count() > 1, "the patients should not all score the same");
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
        var inputs = Heart.Definition.InputNames.Select(n => n == "chol" ? "cholesterol" : n).ToArray();
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
        var entry = TestModels.Entry("diabetes", "bad", bytes, Diabetes.Definition.InputNames.Reverse().ToArray());
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
