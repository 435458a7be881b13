using System.Text.Json;
using System.Text.RegularExpressions;
using HealthOracle.Diseases;
using HealthOracle.Functions.Site;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HealthOracle.SiteBuilder;

/// <summary>A model card as HTML, and the images it shows (files in the model's folder).</summary>
internal sealed record ModelCard(string Html, IReadOnlyList<string> Images);

/// <summary>
/// Each served model's card (models/manifest.json → models/&lt;disease&gt;/&lt;version&gt;/card.md, written by the
/// training tool), as HTML for the site's frame: Markdown with its pipe tables, raw HTML refused, images pointed at
/// the copies the build makes, each table in a scrolling region named after its section.
/// </summary>
internal static partial class ModelCards
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().DisableHtml().Build();

    public static IEnumerable<(DiseaseDefinition Disease, ModelCard Card)> Read(string models)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(models, "manifest.json")));
        foreach (var disease in DiseaseCatalog.All)
        {
            if (!manifest.RootElement.GetProperty("models").TryGetProperty(disease.Key, out var entry))
            {
                continue;
            }

            var folder = Path.Combine(models, Path.GetDirectoryName(entry.GetProperty("blobPath").GetString()!)!);
            yield return (disease, Render(File.ReadAllText(Path.Combine(folder, "card.md")), folder, $"models/{disease.Key}/"));
        }
    }

    public static ModelCard Render(string markdown, string folder, string imageBase)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var images = new List<string>();
        foreach (var link in document.Descendants<LinkInline>().Where(l => l.IsImage && l.Url is { } url && !url.Contains(':', StringComparison.Ordinal)))
        {
            images.Add(Path.Combine(folder, link.Url!));
            link.Url = imageBase + Path.GetFileName(link.Url);
        }

        // Each table scrolls on its own at phone widths, in a region named after the section it is in.
        var names = new Queue<string>();
        string section = "Table";
        foreach (var block in document.Descendants<Block>())
        {
            if (block is HeadingBlock heading)
            {
                section = string.Concat(heading.Inline?.Descendants<LiteralInline>().Select(l => l.Content.ToString()) ?? []);
            }
            else if (block is Markdig.Extensions.Tables.Table)
            {
                names.Enqueue(section);
            }
        }

        // A region's name is unique on the page: a section's second table is "Metrics, table 2".
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        names = new Queue<string>(names.Select(name => (seen[name] = seen.GetValueOrDefault(name) + 1) == 1 ? name : $"{name}, table {seen[name]}"));

        var html = TableStart().Replace(document.ToHtml(Pipeline), _ =>
            $"<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{Html.Encode(names.Count > 0 ? names.Dequeue() : "Table")}\"><table>");
        // A header cell with nothing in it (the corner of a table whose rows are named) is a plain cell: a header names something.
        html = html.Replace("<th></th>", "<td></td>", StringComparison.Ordinal);
        return new ModelCard(html.Replace("</table>", "</table></div>", StringComparison.Ordinal), images);
    }

    [GeneratedRegex("<table>")]
    private static partial Regex TableStart();
}
