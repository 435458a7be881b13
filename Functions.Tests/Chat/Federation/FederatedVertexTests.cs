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
}
