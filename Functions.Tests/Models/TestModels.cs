using HealthOracle.Diseases.Definitions;
using Azure.Storage.Blobs;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using System.Security.Cryptography;
using System.Text.Json;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>Test models that follow the manifest contract, their manifest entries, and their upload.</summary>
internal static class TestModels
{
    public static (ModelEntry Entry, byte[] Bytes) For(string disease, string version = "1.0.0", float bias = 0f, float[]? weights = null, bool flatOutput = false)
    {
        var schema = DiseaseCatalog.Get(disease);
        var inputs = schema.InputNames.ToArray();
        var bytes = TestOnnxModel.Build(inputs, weights ?? TestOnnxModel.SpreadWeights(inputs.Length), bias, flatOutput: flatOutput);
        return (Entry(disease, version, bytes), bytes);
    }

    public static ModelEntry Entry(string disease, string version, byte[] bytes, IReadOnlyList<string>? inputs = null) => new(
        disease,
        disease + "-risk",
        version,
        $"{disease}/{version}/model.onnx",
        Convert.ToHexStringLower(SHA256.HashData(bytes)),
        bytes.Length,
        inputs ?? DiseaseCatalog.Get(disease).InputNames.ToArray(),
        TestOnnxModel.Output,
        "test logistic model",
        disease == Lung.Key,
        disease == Lung.Key ? "Synthetic data: demonstration only." : null,
        new TrainingDataInfo("test.csv", new string('0', 64), 1, "tests", "none"),
        new ModelMetrics(5, 1, 0.5, 0.5, 0, 0.25, 1, 0, 0, 0, 0, 0),
        DateTimeOffset.UnixEpoch)
    {
        Population = new PopulationInfo("test patients", 0.5, 0.5, null, 0, "The percentage is relative to the test patients this model learned from."),
    };

    public static ModelManifest Manifest(params ModelEntry[] entries) =>
        new(ModelManifest.CurrentSchemaVersion, entries.ToDictionary(e => e.Disease));

    /// <summary>Uploads the model files, then the manifest (last, as the training tool does).</summary>
    public static async Task PublishAsync(BlobContainerClient container, params (ModelEntry Entry, byte[] Bytes)[] models)
    {
        await container.CreateIfNotExistsAsync();
        foreach (var (entry, bytes) in models)
        {
            await container.GetBlobClient(entry.BlobPath).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        }

        await PublishManifestAsync(container, Manifest([.. models.Select(m => m.Entry)]));
    }

    public static Task PublishManifestAsync(BlobContainerClient container, ModelManifest manifest) =>
        container.GetBlobClient(ModelManifest.BlobName).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(manifest, ModelManifestJsonContext.Default.ModelManifest)), overwrite: true);
}
