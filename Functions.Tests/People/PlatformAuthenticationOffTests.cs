using System.Net;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.People;

/// <summary>
/// A Function App without App Service Authentication (DevHost <c>--auth off</c>): nothing strips client-sent
/// principal headers, so they reach the worker, and the worker must ignore them (no WEBSITE_AUTH_ENABLED).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PlatformAuthenticationOffTests(PeopleHostWithoutAuthFixture fixture) : IClassFixture<PeopleHostWithoutAuthFixture>
{
    [Fact]
    public async Task ForgedPrincipalHeaders_ReachTheWorker_AndAreIgnored()
    {
        using var mallory = fixture.Anonymous();
        var forged = new Dictionary<string, string>
        {
            ["X-MS-CLIENT-PRINCIPAL-ID"] = "off-victim-oid",
            ["X-MS-CLIENT-PRINCIPAL-NAME"] = "victim@example.com",
            ["X-MS-CLIENT-PRINCIPAL-IDP"] = "aad",
        };

        using var me = await mallory.SendAsync(HttpMethod.Get, "api/me", headers: forged);
        using var predict = await mallory.SendAsync(HttpMethod.Post, "api/predict/heart", TestPatients.Json("heart"), forged);

        await PeopleRoutesTests.AssertProblemAsync(me, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.DoesNotContain("\"history\"", await predict.Content.ReadAsStringAsync());
        Assert.Empty(await fixture.RowsAsync());
        await fixture.Host.WaitForOutputAsync(line => line.Contains("client-principal headers ignored", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }
}
