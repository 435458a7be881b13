namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// The site's own modules in Chromium, served from the built checkout by a Playwright route (no server): the SSE
/// reader survives any split, and the accessibility engine really runs. (The Markdown is the server's: ChatPageTests.)
/// </summary>
[Trait("Category", "Browser")]
public sealed class SiteScriptsTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
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
