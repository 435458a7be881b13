using System.Globalization;
using System.Text;

namespace HealthOracle.Functions.Site;

/// <summary>
/// Writing the pages: text and attribute values are escaped, nothing a person or a model typed ever becomes
/// markup. Pages are UTF-8 and every attribute is double-quoted, so only &amp;, &lt;, &gt; and " are escaped (an
/// encoder that also escapes every non-ASCII letter makes "µmol/l" eight bytes longer and an echoed value up to
/// nine times its length).
/// </summary>
internal static class Html
{
    /// <summary>Appends escaped text (for an element's content or a double-quoted attribute's value).</summary>
    public static StringBuilder Text(this StringBuilder page, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return page;
        }

        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var escaped = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => null,
            };
            if (escaped is not null)
            {
                page.Append(text, start, i - start).Append(escaped);
                start = i + 1;
            }
        }

        return page.Append(text, start, text.Length - start);
    }

    /// <summary>Appends <c> name="value"</c>, escaped; nothing when the value is null.</summary>
    public static StringBuilder Attr(this StringBuilder page, string name, string? value) =>
        value is null ? page : page.Append(' ').Append(name).Append("=\"").Text(value).Append('"');

    /// <summary>Appends <c> name="value"</c> for a number, invariant.</summary>
    public static StringBuilder Attr(this StringBuilder page, string name, double value) =>
        page.Append(' ').Append(name).Append("=\"").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('"');

    /// <summary>Appends <c>&lt;tag class="…"&gt;text&lt;/tag&gt;</c>.</summary>
    public static StringBuilder Element(this StringBuilder page, string tag, string? cssClass, string? text) =>
        page.Append('<').Append(tag).Attr("class", cssClass).Append('>').Text(text).Append("</").Append(tag).Append('>');

    public static string Encode(string? text) => new StringBuilder(text?.Length ?? 0).Text(text).ToString();
}
