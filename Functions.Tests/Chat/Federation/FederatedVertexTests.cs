using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace HealthOracle.Functions.Tests.Chat.Federation;

/// <summary>
/// Vertex AI on the managed-identity route, through real HTTP: the managed identity endpoint, Google's STS, IAM
/// Credentials and Vertex AI are stand-ins that check each request as the real ones do.
/// </summary>
[Collection(ManagedIdentityEnvironment.Name)]
public sealed class FederatedVertexTests
{
    [Fact]
    public async Task Chat_ManagedIdentityRoute_SendsExactlyTheRequestsGoogleExpects()
    {
        await using var harness = await FederationHarness.StartAsync();
        var identity = harness.Identity;

        var response = await harness.AskAsync();

        Assert.Equal(GeminiStandIn.DefaultReply, response.Text);
        var azure = Assert.Single(identity.Requests, r => r.Endpoint == FederationEndpoint.ManagedIdentity);
        Assert.Equal("GET", azure.Method);
        Assert.Equal(WorkloadIdentityStandIn.ApiVersion, azure.Query["api-version"]);
        Assert.Equal(identity.AllowedAudience, azure.Query["resource"]);
        Assert.Equal(identity.ClientId, azure.Query["client_id"]);
        Assert.Equal(identity.IdentityHeader, azure.Headers["X-IDENTITY-HEADER"]);
        Assert.Equal(200, azure.Status);

        var sts = Assert.Single(identity.Requests, r => r.Endpoint == FederationEndpoint.Sts);
        Assert.Equal("POST", sts.Method);
        Assert.Equal(WorkloadIdentityStandIn.TokenExchangeGrant, sts.Form["grant_type"]);
        Assert.Equal("//iam.googleapis.com/" + identity.Provider, sts.Form["audience"]);
        Assert.Equal(WorkloadIdentityStandIn.JwtTokenType, sts.Form["subject_token_type"]);
        Assert.Equal(WorkloadIdentityStandIn.AccessTokenType, sts.Form["requested_token_type"]);
        // Impersonating, Google.Apis.Auth asks STS for the IAM scope; the service account's token gets cloud-platform.
        Assert.Equal(WorkloadIdentityStandIn.IamScope, sts.Form["scope"]);
        Assert.StartsWith("eyJ0eXAiOiJKV1QifQ.azure-managed-identity-", sts.Form["subject_token"], StringComparison.Ordinal);
        Assert.Equal(200, sts.Status);

        var iam = Assert.Single(identity.Requests, r => r.Endpoint == FederationEndpoint.IamCredentials);
        Assert.Equal($"/v1/projects/-/serviceAccounts/{identity.ServiceAccount}:generateAccessToken", iam.Path);
        Assert.Equal("Bearer " + identity.IssuedTokens[0], iam.Headers["Authorization"]);
        Assert.Contains(WorkloadIdentityStandIn.CloudPlatformScope, iam.Json!["scope"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(200, iam.Status);

        var vertex = Assert.Single(harness.Gemini.Requests);
        Assert.Equal("/v1/projects/health-oracle/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent", vertex.Path);
        Assert.Equal("Bearer " + identity.IssuedTokens[1], vertex.Authorization);
        Assert.StartsWith("ya29.service-account-", identity.IssuedTokens[1], StringComparison.Ordinal);
        Assert.Null(vertex.ApiKey);
        Assert.Empty(vertex.Violations);
    }

    [Fact]
    public async Task Chat_WithoutServiceAccount_CallsVertexWithTheFederatedToken()
    {
        await using var harness = await FederationHarness.StartAsync(impersonate: false);

        await harness.AskAsync();

        var sts = Assert.Single(harness.Identity.Requests, r => r.Endpoint == FederationEndpoint.Sts);
        Assert.Equal(WorkloadIdentityStandIn.CloudPlatformScope, sts.Form["scope"]);
        Assert.Equal(0, harness.Identity.Count(FederationEndpoint.IamCredentials));
        var token = Assert.Single(harness.Identity.IssuedTokens);
        Assert.Equal("Bearer " + token, Assert.Single(harness.Gemini.Requests).Authorization);
    }

    [Fact]
    public async Task Chat_HundredConcurrentChats_CauseOneExchange()
    {
        await using var harness = await FederationHarness.StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => harness.AskAsync()));

        Assert.All(answers, answer => Assert.Equal(GeminiStandIn.DefaultReply, answer.Text));
        Assert.Equal(1, harness.Identity.Count(FederationEndpoint.ManagedIdentity));
        Assert.Equal(1, harness.Identity.Count(FederationEndpoint.Sts));
        Assert.Equal(1, harness.Identity.Count(FederationEndpoint.IamCredentials));
        Assert.Equal(100, harness.Gemini.Requests.Count);
        Assert.All(harness.Gemini.Requests, request => Assert.Equal("Bearer " + harness.Identity.IssuedTokens[1], request.Authorization));
        Assert.Equal(1, harness.Status.Snapshot().Exchanges);
    }

    [Fact]
    public async Task Chat_InTheTokensLastMinutes_AnswersWithItAndRefreshesInTheBackground()
    {
        await using var harness = await FederationHarness.StartAsync();
        await harness.AskAsync();
        var first = harness.Identity.IssuedTokens[^1];

        // Two minutes before expiry: inside Google.Apis.Auth's refresh window (from 3 min 45 s before), while the
        // token is still usable (until 1 min before).
        harness.Time.Advance(TimeSpan.FromSeconds(harness.Identity.TokenLifetimeSeconds) - TimeSpan.FromMinutes(2));
        var during = await harness.AskAsync();
        await FederationHarness.WaitUntilAsync(() => harness.Identity.IssuedTokens.Count == 4, "the background exchange");
        // The refresh asks IAM Credentials for a new service-account token (with the federated token, itself refreshed
        // in the background as it is as old). The stand-in has issued it; the credential holds it once it has read the
        // answer, and a chat asked in between still carries the first token, which is valid: ask until one carries the new.
        var refreshed = harness.Identity.IssuedTokens.Last(t => t.StartsWith("ya29.service-account-", StringComparison.Ordinal));
        var after = await harness.AskAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (harness.Gemini.Requests[^1].Authorization != "Bearer " + refreshed)
        {
            Assert.True(DateTime.UtcNow < deadline, "No chat carried the refreshed token within 30 s.");
            await Task.Delay(20);
            after = await harness.AskAsync();
        }

        Assert.Equal(GeminiStandIn.DefaultReply, during.Text);
        Assert.Equal(GeminiStandIn.DefaultReply, after.Text);
        var bearers = harness.Gemini.Requests.Select(r => r.Authorization).ToList();
        Assert.Equal(["Bearer " + first, "Bearer " + first], bearers.Take(2));
        Assert.Equal("Bearer " + refreshed, bearers[^1]);
        Assert.All(bearers.Skip(2).SkipLast(1), b => Assert.Equal("Bearer " + first, b));
        Assert.NotEqual(first, refreshed);
        Assert.Equal(2, harness.Identity.Count(FederationEndpoint.Sts));
        Assert.Equal(2, harness.Identity.Count(FederationEndpoint.IamCredentials));
        Assert.All(harness.Identity.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task Chat_AfterTheTokenExpired_ExchangesAgainWithoutFailing()
    {
        await using var harness = await FederationHarness.StartAsync(impersonate: false);
        await harness.AskAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(harness.Identity.TokenLifetimeSeconds + 60));
        var answer = await harness.AskAsync();

        Assert.Equal(GeminiStandIn.DefaultReply, answer.Text);
        Assert.Equal(2, harness.Identity.IssuedTokens.Count);
        Assert.Equal("Bearer " + harness.Identity.IssuedTokens[1], harness.Gemini.Requests[1].Authorization);
        Assert.Equal(2, harness.Status.Snapshot().Exchanges);
        Assert.True(harness.Status.Snapshot().Succeeded);
    }

    [Fact]
    public async Task Chat_StreamedOnTheManagedIdentityRoute_CarriesTheBearer()
    {
        await using var harness = await FederationHarness.StartAsync();
        harness.Gemini.Enqueue(GeminiBehavior.Chunks("- **Sleep**", " at regular hours"));

        var updates = await harness.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Tips?")]).ToListAsync();

        Assert.Equal("- **Sleep** at regular hours", string.Concat(updates.Select(u => u.Text)));
        var request = Assert.Single(harness.Gemini.Requests);
        Assert.True(request.Stream);
        Assert.Equal("Bearer " + harness.Identity.IssuedTokens[1], request.Authorization);
    }

    [Fact]
    public async Task Chat_TransientFailures_AreRetriedWithBackoff()
    {
        await using var harness = await FederationHarness.StartAsync();
        harness.Identity.Fail(FederationEndpoint.Sts, 503);
        harness.Identity.Fail(FederationEndpoint.IamCredentials, 429);
        harness.Identity.Fail(FederationEndpoint.ManagedIdentity, 500);

        var answer = await harness.AskAsync();

        Assert.Equal(GeminiStandIn.DefaultReply, answer.Text);
        Assert.Equal([503, 200], harness.Identity.Requests.Where(r => r.Endpoint == FederationEndpoint.Sts).Select(r => r.Status));
        Assert.Equal([429, 200], harness.Identity.Requests.Where(r => r.Endpoint == FederationEndpoint.IamCredentials).Select(r => r.Status));
        Assert.Equal(200, harness.Identity.Requests.Last(r => r.Endpoint == FederationEndpoint.ManagedIdentity).Status);
        Assert.True(harness.Identity.Count(FederationEndpoint.ManagedIdentity) >= 2);
    }

    [Fact]
    public async Task Chat_TokenRevokedByVertex_AnswersTransient503ThenExchangesAgain()
    {
        await using var harness = await FederationHarness.StartAsync();
        await harness.AskAsync();
        harness.Identity.Revoke(harness.Identity.IssuedTokens[^1]);

        var refused = await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());
        var again = await harness.AskAsync();

        Assert.True(refused.Transient);
        Assert.Contains("HTTP 401", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(GeminiStandIn.DefaultReply, again.Text);
        Assert.Equal(2, harness.Identity.Count(FederationEndpoint.IamCredentials));
        Assert.Equal("Bearer " + harness.Identity.IssuedTokens[^1], harness.Gemini.Requests[^1].Authorization);
    }
}
