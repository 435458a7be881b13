using HealthOracle.Fuzz;

namespace HealthOracle.Functions.Tests.Fuzzing;

/// <summary>
/// The fuzzer's seeds are the tests' bodies, and everything the fuzzer ever found (bench/Fuzz/findings/)
/// is run again here: each must now be read without breaking a promise of <see cref="ReaderTargets"/>.
/// <c>UPDATE_FUZZ_SEEDS=1</c> rewrites the seeds from <see cref="FuzzCorpus"/>.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string> Targets => [.. ReaderTargets.All.Keys];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_AreTheTestsBodies(string target)
    {
        var folder = FuzzCorpus.Folder("corpus", target);
        if (Environment.GetEnvironmentVariable("UPDATE_FUZZ_SEEDS") == "1")
        {
            Directory.CreateDirectory(folder);
            foreach (var (name, bytes) in FuzzCorpus.Seeds[target])
            {
                File.WriteAllBytes(Path.Combine(folder, name), bytes);
            }
        }

        foreach (var (name, bytes) in FuzzCorpus.Seeds[target])
        {
            var path = Path.Combine(folder, name);
            Assert.True(File.Exists(path), $"{path} is missing: run with UPDATE_FUZZ_SEEDS=1");
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void SeedsAndFindings_AreReadWithoutBreakingAPromise(string target)
    {
        var files = new[] { "corpus", "findings" }
            .Select(kind => FuzzCorpus.Folder(kind, target))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Where(file => !Path.GetFileName(file).StartsWith('.') && !file.EndsWith(".md", StringComparison.Ordinal))
            .ToList();

        var broken = files.Select(file =>
        {
            try
            {
                ReaderTargets.All[target](File.ReadAllBytes(file));
                return null;
            }
            catch (Exception e)
            {
                return $"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}";
            }
        }).OfType<string>().ToList();

        Assert.NotEmpty(files);
        Assert.Empty(broken);
    }
}
