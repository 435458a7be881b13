using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>Every .bicep file compiles and lints without a single warning or error.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class BicepDiagnosticsTests(CompiledInfra compiled)
{
    [Fact]
    public void Build_EveryFile_CompilesWithoutDiagnostics()
    {
        var build = compiled.Build;

        var expected = InfraPaths.BicepFiles().Select(file => Path.ChangeExtension(file, ".json"));
        var built = expected.Where(json => File.Exists(Path.Combine(compiled.OutputDirectory, json)));

        Assert.Equal(0, build.ExitCode);
        Assert.Equal("", build.Output);
        Assert.Equal(expected, built);
    }

    [Fact]
    public async Task Lint_EveryFile_ReportsNothing()
    {
        var files = InfraPaths.BicepFiles();

        var lint = await BicepCli.RunAsync("lint", "--pattern", "**/*.bicep");

        Assert.NotEmpty(files);
        Assert.Equal(0, lint.ExitCode);
        Assert.Equal("", lint.Output);
    }

    [Fact]
    public async Task Lint_FileWithUnusedParameter_ReportsTheWarning()
    {
        // The check above is only worth something if the CLI does print warnings while exiting 0.
        var file = Path.Combine(Path.GetTempPath(), $"unused-{Guid.NewGuid():N}.bicep");
        await File.WriteAllTextAsync(file, "param unused string\n");

        var lint = await BicepCli.RunAsync("lint", file);
        File.Delete(file);

        Assert.Equal(0, lint.ExitCode);
        Assert.Contains("Warning no-unused-params", lint.Output);
    }
}
