using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>
/// A TypeScript client from the served document: types by <c>openapi-typescript</c>, calls by <c>openapi-fetch</c>
/// (both pinned in package.json), <c>OpenApi/TypeScriptClient/caller.ts</c> compiled by <c>tsc --strict</c> with no
/// casts and run by Node against the app: one patient, a batch, a what-if, and a 400 problem's <c>code</c>.
/// </summary>
[Collection(ContractCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TypeScriptClientTests(ContractFixture contract)
{
    [Fact]
    public async Task GeneratedTypes_CompileStrict_PredictOneABatchAWhatIf_AndReadAProblemsCode()
    {
        var project = contract.Scratch("ts-client");
        var template = Path.Combine(RepositoryPaths.Root, "Functions.Tests", "OpenApi", "TypeScriptClient");
        foreach (var file in new[] { "caller.ts", "tsconfig.json" })
        {
            File.Copy(Path.Combine(template, file), Path.Combine(project, file), overwrite: true);
        }

        await File.WriteAllTextAsync(Path.Combine(project, "package.json"), "{ \"type\": \"module\" }");
        var modules = Path.Combine(project, "node_modules");
        if (!Directory.Exists(modules))
        {
            Directory.CreateSymbolicLink(modules, Path.Combine(RepositoryPaths.Root, "node_modules"));
        }

        // No casts (`as T`, `<T>x`, `!`): what the generated types say is what the program uses.
        Assert.DoesNotMatch(@"\bas\s+(?!const\b)[A-Za-z{]|\w!\.", await File.ReadAllTextAsync(Path.Combine(project, "caller.ts")));
        await RunAsync(project, "node", Path.Combine(modules, "openapi-typescript", "bin", "cli.js"), contract.DocumentPath, "-o", Path.Combine(project, "schema.d.ts"));
        await RunAsync(project, "node", Path.Combine(modules, "typescript", "bin", "tsc"), "-p", "tsconfig.json");
        var output = await RunAsync(project, "node", Path.Combine(project, "out", "caller.js"), new Uri(contract.Host.BaseAddress, "api").AbsoluteUri.TrimEnd('/'));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("predict heart ", StringComparison.Ordinal) && l.EndsWith(" true", StringComparison.Ordinal));
        Assert.Contains("batch 2 heart", lines);
        Assert.Contains(lines, l => l.StartsWith("what-if heart ", StringComparison.Ordinal));
        Assert.Contains("problem 400 InvalidValues age", lines);
    }

    private static async Task<string> RunAsync(string directory, string file, params string[] arguments)
    {
        var (exitCode, output, error) = await ToolProcess.RunAsync(directory, file, arguments);
        var text = output + error;
        Assert.True(exitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {exitCode}:{Environment.NewLine}{text}");
        return text;
    }
}
