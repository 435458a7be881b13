using HealthOracle.Training.Commands;

namespace HealthOracle.Training.Tests.Commands;

[Collection(TrainedModelsCollection.Name)]
public sealed class CommandTests(TrainedModelsFixture fixture)
{
    [Fact]
    public void Verify_ChangedByte_ExitsNonZero()
    {
        var folder = fixture.Copy();
        var path = Path.Combine(folder, "lung", "2026.11.26", "model.onnx");
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x20;
        File.WriteAllBytes(path, bytes);

        var exitCode = VerifyCommand.Create().Parse(["--models", folder]).Invoke();

        Assert.Equal(1, exitCode);
        Assert.Equal(0, VerifyCommand.Create().Parse(["--models", fixture.Folder]).Invoke());
    }

    [Fact]
    public void Publish_NeitherConnectionNorServiceUri_ExitsNonZero()
    {
        var exitCode = PublishCommand.Create().Parse(["--models", fixture.Folder]).Invoke();

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Train_DataFolderWithoutTheFiles_ExitsNonZeroAndWritesNoManifest()
    {
        var output = TestData.TempFolder("ho-train-out-");

        var exitCode = await TrainCommand.Create().Parse(["heart", "--data", TestData.TempFolder("ho-empty-"), "--out", output]).InvokeAsync();

        Assert.Equal(1, exitCode);
        Assert.False(File.Exists(Path.Combine(output, "manifest.json")));
    }
}
