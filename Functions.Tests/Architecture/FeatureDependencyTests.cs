using System.Text.RegularExpressions;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Architecture;

/// <summary>
/// The folders of Functions/ depend one way (DESIGN.md, "Domain apart from HTTP"): read from the source, every
/// <c>using</c> and every qualified name of another folder is an edge, and the graph has no cycle.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private static readonly string Root = Path.Combine(RepositoryPaths.Root, "Functions");

    [Fact]
    public void Folders_DependOneWay_NoCycle()
    {
        var edges = Edges();

        var cycle = FindCycle(edges);

        Assert.True(cycle is null, $"the folders depend in a loop: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Folders_DependencyGraph_IsTheOneTheDesignDraws()
    {
        var edges = Edges();

        // The low folders use no feature; a feature reacting to another's event implements the other's interface.
        Assert.Empty(edges["Infrastructure"]);
        Assert.Empty(edges["OpenApi"]);
        Assert.DoesNotContain("People", edges["Predictions"]);
        Assert.DoesNotContain("People", edges["Chat"]);
        Assert.DoesNotContain("Predictions", edges["Explanations"]);
        Assert.Contains("Predictions", edges["People"]);
        Assert.Contains("Chat", edges["People"]);
    }

    /// <summary>Each folder of Functions/ and the other folders its files name.</summary>
    internal static Dictionary<string, SortedSet<string>> Edges()
    {
        var folders = Directory.GetDirectories(Root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "Examples")).Cast<string>().ToHashSet();
        var qualified = new Regex($@"(?<![\w.])(?:HealthOracle\.Functions\.)?({string.Join("|", folders)})\.[A-Z]", RegexOptions.Compiled);
        var edges = folders.ToDictionary(f => f, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (var line in File.ReadLines(file).Select(StripComment))
                {
                    foreach (Match match in UsingLine().Matches(line))
                    {
                        Add(match.Groups[1].Value);
                    }

                    foreach (Match match in qualified.Matches(line))
                    {
                        Add(match.Groups[1].Value);
                    }
                }
            }

            void Add(string target)
            {
                if (target != folder && folders.Contains(target))
                {
                    edges[folder].Add(target);
                }
            }
        }

        return edges;
    }

    private static List<string>? FindCycle(Dictionary<string, SortedSet<string>> edges)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path.SkipWhile(n => n != node), node];
            }

            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            state[node] = 1;
            path.Add(node);
            foreach (var next in edges[node])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    /// <summary>Code only: a comment or a doc comment's <c>cref</c> names a folder without depending on it.</summary>
    private static string StripComment(string line) => line.TrimStart().StartsWith("//", StringComparison.Ordinal) ? string.Empty : line;

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?HealthOracle\.Functions\.(\w+)")]
    private static partial Regex UsingLine();
}
