using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// <c>scripts/run.sh</c> as a developer runs it, on ports of their choosing: the site it serves reaches its
/// API (config.js, the forms and CORS follow API_PORT and SITE_PORT), and the app's no-JavaScript pages
/// lead back to that site. Slow: the script builds the worker, DevHost and the site, and publishes the models.
/// </summary>
[Trait("Category", "Browser")]
public sealed class RunScriptTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task RunSh_CustomPorts_SiteReachesItsApiAndTheApiLeadsBackToTheSite()
    {
        var (api, site, blob) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var runDirectory = Directory.CreateTempSubdirectory("run-sh-").FullName;
        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo("bash", ["scripts/run.sh"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["API_PORT"] = api.ToString(), ["SITE_PORT"] = site.ToString(), ["BLOB_PORT"] = blob.ToString(),
                ["RUN_DIR"] = runDirectory, ["AZURITE_DIR"] = Path.Combine(runDirectory, "azurite"),
            },
        };
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForAsync(process, output, $"http://127.0.0.1:{api}/api/health", TimeSpan.FromMinutes(12));
            await WaitForAsync(process, output, $"http://127.0.0.1:{site}/heart.html", TimeSpan.FromMinutes(1));

            await using var context = await chromium.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.OpenAsync(new Uri($"http://127.0.0.1:{site}/"), "heart.html");
            await page.FillFormAsync(Patients.For("heart"));
            var response = await page.RunAndWaitForResponseAsync(
                () => page.ClickAsync("#predict-form button[type=submit]"),
                r => r.Request.Method == "POST");
            await page.Locator("#result-heading").WaitForAsync();

            Assert.Equal($"http://127.0.0.1:{api}/api/pages/predict/heart", response.Url);
            Assert.Equal(200, response.Status);
            Assert.Equal($"http://127.0.0.1:{site}", response.Headers["access-control-allow-origin"]);
            Assert.Equal($"http://127.0.0.1:{api}/api/pages/predict/heart", await page.Locator("#predict-form").GetAttributeAsync("action"));

            // Without JavaScript the form posts to the same API, whose page is drawn in this site's frame.
            using var client = new HttpClient();
            using var post = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{api}/api/pages/predict/heart")
            {
                Content = new StringContent(string.Join("&", Patients.For("heart").Select(p => $"{p.Key}={p.Value}")), Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            post.Headers.Accept.ParseAdd("text/html");
            var html = await (await client.SendAsync(post)).Content.ReadAsStringAsync();
            Assert.Contains($"href=\"http://127.0.0.1:{site}/css/site.css\"", html);
            Assert.Contains($"href=\"http://127.0.0.1:{site}/heart.html\"", html);
        }
        finally
        {
            await ChildProcess.StopGracefullyAsync(process, TimeSpan.FromSeconds(30));
            Directory.Delete(runDirectory, recursive: true);
        }
    }

    private static async Task WaitForAsync(Process process, ConcurrentQueue<string> output, string url, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, $"run.sh exited with {(process.HasExited ? process.ExitCode : 0)}:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(40))}");
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }

            Assert.True(clock.Elapsed < timeout, $"{url} did not answer within {timeout}:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(40))}");
            await Task.Delay(500);
        }
    }
}
