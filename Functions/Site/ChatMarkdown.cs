using System.Text;
using System.Text.RegularExpressions;
namespace HealthOracle.Functions.Site;

/// <summary>
/// The little Markdown a model writes, as HTML: paragraphs, **bold**, *emphasis*, bullet and numbered lists,
/// headings as bold lines. Every piece of model text is escaped: nothing it says becomes markup, script or a link.
/// </summary>
internal static partial class ChatMarkdown
{
    public static string ToHtml(string text) => Append(new StringBuilder(text.Length * 2), text).ToString();

    public static StringBuilder Append(StringBuilder html, string text)
    {
        string? list = null;
        var paragraph = false;
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            var bullet = BulletLine().Match(line);
            var numbered = bullet.Success ? Match.Empty : NumberedLine().Match(line);
            if (bullet.Success || numbered.Success)
            {
                var tag = bullet.Success ? "ul" : "ol";
                CloseParagraph(html, ref paragraph);
                if (list != tag)
                {
                    CloseList(html, ref list);
                    html.Append('<').Append(tag).Append('>');
                    list = tag;
                }

                html.Append("<li>");
                AppendInline(html, (bullet.Success ? bullet : numbered).Groups[1].Value);
                html.Append("</li>");
                continue;
            }

            CloseList(html, ref list);
            if (line.Trim().Length == 0)
            {
                CloseParagraph(html, ref paragraph);
                continue;
            }

            if (HeadingLine().Match(line) is { Success: true } heading)
            {
                CloseParagraph(html, ref paragraph);
                html.Append("<p><strong>").Text(heading.Groups[1].Value).Append("</strong></p>");
                continue;
            }

            html.Append(paragraph ? "<br>" : "<p>");
            paragraph = true;
            AppendInline(html, line);
        }

        CloseList(html, ref list);
        CloseParagraph(html, ref paragraph);
        return html;
    }

    /// <summary>One line's text with **bold** and *emphasis*.</summary>
    public static void AppendInline(StringBuilder html, string text)
    {
        var last = 0;
        foreach (Match match in Inline().Matches(text))
        {
            html.Text(text[last..match.Index]);
            var strong = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : null;
            var tag = strong is null ? "em" : "strong";
            html.Append('<').Append(tag).Append('>').Text(strong ?? match.Groups[3].Value).Append("</").Append(tag).Append('>');
            last = match.Index + match.Length;
        }

        html.Text(text[last..]);
    }

    private static void CloseList(StringBuilder html, ref string? list)
    {
        if (list is not null)
        {
            html.Append("</").Append(list).Append('>');
            list = null;
        }
    }

    private static void CloseParagraph(StringBuilder html, ref bool paragraph)
    {
        if (paragraph)
        {
            html.Append("</p>");
            paragraph = false;
        }
    }

    [GeneratedRegex(@"^\s*[-*•]\s+(.*)$")]
    private static partial Regex BulletLine();

    [GeneratedRegex(@"^\s*\d+[.)]\s+(.*)$")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"^\s*#{1,6}\s+(.*)$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")]
    private static partial Regex Inline();
}
