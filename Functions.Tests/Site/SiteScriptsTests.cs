namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// The site's own modules in Chromium, served from the checkout by a Playwright route (no server):
/// the Markdown renderer never turns model text into markup, and the SSE reader survives any split.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SiteScriptsTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData("Eat **more** greens", "<p>Eat <strong>more</strong> greens</p>")]
    [InlineData("Tips:\n- walk *daily*\n- **sleep** well\n\n1. one\n2. two", "<p>Tips:</p><ul><li>walk <em>daily</em></li><li><strong>sleep</strong> well</li></ul><ol><li>one</li><li>two</li></ol>")]
    [InlineData("## Heading\nline one\nline two", "<p><strong>Heading</strong></p><p>line one<br>line two</p>")]
    [InlineData("<img src=x onerror=alert(1)> **<b>x</b>**", "<p>&lt;img src=x onerror=alert(1)&gt; <strong>&lt;b&gt;x&lt;/b&gt;</strong></p>")]
    [InlineData("- [link](javascript:alert(1)) & <script>alert(2)</script>", "<ul><li>[link](javascript:alert(1)) &amp; &lt;script&gt;alert(2)&lt;/script&gt;</li></ul>")]
    public async Task RenderMarkdown_ModelText_BuildsOnlyTextBoldAndLists(string text, string expected)
    {
        await using var context = await CheckoutSite.OpenAsync(chromium);
        var page = context.Pages[0];

        var html = await page.EvaluateAsync<string>(
            "async text => { const { renderMarkdown } = await import('/js/markdown.js'); const div = document.createElement('div'); renderMarkdown(div, text); return div.innerHTML; }",
            text);

        Assert.Equal(expected, html);
    }

    [Fact]
    public async Task ReadEvents_ChunksSplitMidLineAndMidCrlf_YieldsEachEventOnce()
    {
        await using var context = await CheckoutSite.OpenAsync(chromium);
        var page = context.Pages[0];
        string[] chunks = ["data: {\"te", "xt\":\"He\"}\r", "\n\r\n: keep-alive\n\ndata: {\"text\":\"llo\"}\n", "\nevent: done\ndata: {\"finishReason\":\"STOP\"}\n\n"];

        var events = await page.EvaluateAsync<string[]>(
            """
            async chunks => {
              const { readEvents } = await import('/js/sse.js');
              const bytes = new TextEncoder();
              const body = new ReadableStream({ start(c) { for (const chunk of chunks) c.enqueue(bytes.encode(chunk)); c.close(); } });
              const seen = [];
              for await (const e of readEvents(body)) seen.push(`${e.event} ${e.data}`);
              return seen;
            }
            """,
            chunks);

        Assert.Equal(["message {\"text\":\"He\"}", "message {\"text\":\"llo\"}", "done {\"finishReason\":\"STOP\"}"], events);
    }

    [Fact]
    public async Task Axe_OnAPageWithKnownViolations_ReportsThem()
    {
        // The accessibility tests' engine really runs: an image without text and an empty button are caught.
        await using var context = await CheckoutSite.OpenAsync(chromium);
        var page = context.Pages[0];
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\"><button></button>')");

        var violations = await Axe.ViolationsAsync(page);

        Assert.Contains(violations, v => v.StartsWith("critical image-alt", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("critical button-name", StringComparison.Ordinal));
    }
}
