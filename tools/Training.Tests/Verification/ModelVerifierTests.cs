using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Tests.TestSupport;
using HealthOracle.Training.Reporting;
using HealthOracle.Training.Verification;

namespace HealthOracle.Training.Tests.Verification;

[Collection(TrainedModelsCollection.Name)]
public sealed class ModelVerifierTests(TrainedModelsFixture fixture)
{
    [Fact]
    public void Verify_FreshlyTrainedFolder_NoProblems()
    {
        var problems = ModelVerifier.Verify(fixture.Folder);

        Assert.Empty(problems);
    }

    [Fact]
    public void Verify_CommittedModels_NoProblems()
    {
        var problems = ModelVerifier.Verify(RepositoryPaths.Models);

        Assert.Empty(problems);
    }

    [Fact]
    public void Verify_OneChangedByte_ReportsTheHashMismatch()
    {
        var folder = fixture.Copy();
        var path = Path.Combine(folder, "heart", "2026.11.26", "model.onnx");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var problems = ModelVerifier.Verify(folder);

        Assert.Contains(problems, p => p.StartsWith("heart") && p.Contains("SHA-256"));
    }

    [Fact]
    public void Verify_ManifestNamesAnotherOutputAndReorderedInputs_ReportsBoth()
    {
        var folder = fixture.Copy();
        var manifest = ManifestStore.Read(folder);
        var heart = manifest.Models["heart"];
        ManifestStore.Update(folder, [heart with { Output = "probability", Inputs = [.. heart.Inputs.Reverse()] }]);

        var problems = ModelVerifier.Verify(folder);

        Assert.Contains(problems, p => p.Contains("output") && p.Contains("Probability.output"));
        Assert.Contains(problems, p => p.Contains("inputs"));
    }

    [Fact]
    public void Verify_IntervalWithAnotherTermsOutputAndACovarianceShort_ReportsBoth()
    {
        var folder = fixture.Copy();
        var heart = ManifestStore.Read(folder).Models["heart"];
        var interval = heart.Interval!;
        ManifestStore.Update(folder, [heart with { Interval = interval with { TermsOutput = "Nope.output", Covariance = [.. interval.Covariance.Skip(1)] } }]);

        var problems = ModelVerifier.Verify(folder);

        Assert.Contains(problems, p => p.StartsWith("heart") && p.Contains("'Nope.output'"));
        Assert.Contains(problems, p => p.StartsWith("heart") && p.Contains("covariance"));
    }

    [Fact]
    public void Verify_MissingModelFile_Reported()
    {
        var folder = fixture.Copy();
        File.Delete(Path.Combine(folder, "lung", "2026.11.26", "model.onnx"));

        var problems = ModelVerifier.Verify(folder);

        Assert.Contains(problems, p => p.StartsWith("lung") && p.Contains("missing"));
        Assert.DoesNotContain(problems, p => p.StartsWith("heart"));
        Assert.Equal(ModelManifest.BlobName, Path.GetFileName(ManifestStore.PathIn(folder)));
    }
}
