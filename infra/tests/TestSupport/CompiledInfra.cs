using System.Text.Json.Nodes;

namespace HealthOracle.Infra.Tests.TestSupport;

/// <summary>
/// Builds every .bicep file under infra/ once (one Bicep process, into a temporary folder) and holds
/// the result and the ARM JSON of main.bicep for the tests that read it.
/// </summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    private readonly string _outputDirectory = Directory.CreateTempSubdirectory("infra-tests-").FullName;

    internal ProcessResult Build { get; private set; } = new(-1, "", "");

    internal ArmTemplate Main { get; private set; } = null!;

    internal string MainJson { get; private set; } = "";

    internal string OutputDirectory => _outputDirectory;

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", "--pattern", "**/*.bicep", "--outdir", _outputDirectory);
        var mainPath = System.IO.Path.Combine(_outputDirectory, "main.json");
        if (File.Exists(mainPath))
        {
            MainJson = await File.ReadAllTextAsync(mainPath);
            Main = new ArmTemplate("main", JsonNode.Parse(MainJson)!.AsObject(), Parameters: null);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_outputDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledInfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "Compiled infra";
}
