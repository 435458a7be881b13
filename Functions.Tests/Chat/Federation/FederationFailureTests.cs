using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.Chat.Federation;

/// <summary>
/// Every refusal the stand-ins give becomes a 503 whose detail says what an operator should fix, never a 500 and
/// never a token; the failure is not kept (the next chat after the fix works) and health shows it meanwhile.
/// </summary>
[Collection(ManagedIdentityEnvironment.Name)]
public sealed class FederationFailureTests
{
    public static TheoryData<string, string> Refusals => new()
    {
        { "audience wrong", "Audience wrong" },
        { "token audience not allowed", "Gemini__ManagedIdentityAudience" },
        { "identity not allowed", "Identity not allowed: the provider" },
        { "impersonation not allowed", "roles/iam.workloadIdentityUser" },
        { "service account unknown", "does not know the service account" },
        { "vertex role missing", "roles/aiplatform.user" },
        { "managed identity not attached", "must be assigned to this app" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Chat_Refused_Is503WithTheOperatorsReason(string refusal, string expected)
    {
        await using var harness = await FederationHarness.StartAsync(
            identity => Break(identity, refusal), overrides: Overrides(refusal));

        var exception = await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());

        Assert.Contains(expected, exception.Reason, StringComparison.Ordinal);
        Assert.False(exception.Transient);
        var problem = ChatProblems.Map(exception);
        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.Details.Status);
        Assert.Equal(exception.Reason, problem.Details.Detail);
        Assert.Null(problem.RetryAfterSeconds);
        AssertNoSecretIn(harness, exception.ToString());
        var status = harness.Status.Snapshot();
        Assert.True(refusal == "vertex role missing" ? status.VertexRefusal == exception.Reason : status.Succeeded == false && status.Reason == exception.Reason);
    }

    [Fact]
    public async Task Chat_ManagedIdentityEndpointDown_IsTransient503AfterRetries()
    {
        await using var harness = await FederationHarness.StartAsync(overrides: new Dictionary<string, string?> { ["Gemini:MaxRetries"] = "1" });
        harness.Identity.Fail(FederationEndpoint.ManagedIdentity, 500, times: 100);

        var exception = await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());

        // Azure.Identity retries inside (its pipeline and MSAL's), so the chat's wait may end first: either way the
        // reason names the managed identity endpoint.
        Assert.True(exception.Transient);
        Assert.Contains("managed identity endpoint", exception.Reason, StringComparison.Ordinal);
        var problem = ChatProblems.Map(exception);
        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.Details.Status);
        Assert.NotNull(problem.RetryAfterSeconds);
        Assert.Equal(0, harness.Identity.Count(FederationEndpoint.Sts));
    }

    [Fact]
    public async Task Chat_StsUnavailable_IsRetriedThenTransient503()
    {
        await using var harness = await FederationHarness.StartAsync(overrides: new Dictionary<string, string?> { ["Gemini:MaxRetries"] = "2" });
        harness.Identity.Fail(FederationEndpoint.Sts, 503, times: 100);

        var exception = await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());

        Assert.True(exception.Transient);
        Assert.Contains("Google's STS failed (HTTP 503) after retries", exception.Reason, StringComparison.Ordinal);
        Assert.Equal(3, harness.Identity.Count(FederationEndpoint.Sts));
        Assert.Empty(harness.Gemini.Requests);
    }

    [Fact]
    public async Task Chat_StsStalls_Is503NamingTheStepWithinTheWait()
    {
        var release = new TaskCompletionSource();
        await using var harness = await FederationHarness.StartAsync(
            overrides: new Dictionary<string, string?> { ["Gemini:TimeoutSeconds"] = "4" });
        harness.Identity.Stall(FederationEndpoint.Sts, release.Task);

        var exception = await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());
        release.SetResult();

        Assert.True(exception.Transient);
        Assert.Contains("did not finish within 2 s (waiting on Google's STS)", exception.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gemini:WorkloadIdentityProvider", "projects/health-oracle/locations/global/workloadIdentityPools/p/providers/q", "project's number")]
    [InlineData("Gemini:ManagedIdentityAudience", "", "Gemini__ManagedIdentityAudience is not set")]
    [InlineData("Gemini:ServiceAccount", "not-an-email", "Gemini__ServiceAccount ('not-an-email')")]
    public async Task Chat_SettingThatCannotWork_Is503NamingItBeforeAnyCall(string setting, string value, string expected)
    {
        await using var harness = await FederationHarness.StartAsync(overrides: new Dictionary<string, string?> { [setting] = value });

        var exception = await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());

        Assert.Contains(expected, exception.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Identity.Requests);
        Assert.Empty(harness.Gemini.Requests);
    }

    [Fact]
    public async Task Chat_AfterTheOperatorFixedIt_WorksWithoutARestart()
    {
        await using var harness = await FederationHarness.StartAsync(identity => identity.ImpersonationAllowed = false);
        await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());

        harness.Identity.ImpersonationAllowed = true;
        var answer = await harness.AskAsync();

        Assert.Equal(GeminiStandIn.DefaultReply, answer.Text);
        Assert.True(harness.Status.Snapshot().Succeeded);
        Assert.Null(harness.Status.Snapshot().Reason);
    }

    [Fact]
    public async Task Exchanges_AnsweredAndRefused_LeaveNoTokenInTheLogs()
    {
        await using var harness = await FederationHarness.StartAsync();
        await harness.AskAsync();
        harness.Identity.Revoke(harness.Identity.IssuedTokens[^1]);
        await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());
        harness.Identity.VertexRoleGranted = false;
        await Assert.ThrowsAsync<VertexCredentialException>(() => harness.AskAsync());

        var logs = harness.Logs.GetSnapshot();
        Assert.Contains(logs, record => record.Id.Id == 5020);
        Assert.NotEmpty(harness.Identity.Secrets);
        foreach (var record in logs)
        {
            AssertNoSecretIn(harness, record.Category + ": " + record.Message + " " + record.Exception + " " + string.Join(" ", record.StructuredState?.Select(p => p.Value) ?? []));
        }
    }

    private static void AssertNoSecretIn(FederationHarness harness, string text)
    {
        foreach (var secret in harness.Identity.Secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A token or secret is in: {text[..Math.Min(200, text.Length)]}");
        }
    }

    private static void Break(WorkloadIdentityStandIn identity, string refusal)
    {
        switch (refusal)
        {
            case "identity not allowed":
                identity.AllowedSubject = Guid.NewGuid().ToString();
                break;
            case "impersonation not allowed":
                identity.ImpersonationAllowed = false;
                break;
            case "vertex role missing":
                identity.VertexRoleGranted = false;
                break;
        }
    }

    private static Dictionary<string, string?> Overrides(string refusal) => refusal switch
    {
        "audience wrong" => new() { ["Gemini:WorkloadIdentityProvider"] = "projects/123456789012/locations/global/workloadIdentityPools/azure-pool/providers/other" },
        "token audience not allowed" => new() { ["Gemini:ManagedIdentityAudience"] = "api://some-other-app" },
        "service account unknown" => new() { ["Gemini:ServiceAccount"] = "nobody@health-oracle.iam.gserviceaccount.com" },
        "managed identity not attached" => new() { ["Gemini:ManagedIdentityClientId"] = Guid.NewGuid().ToString() },
        _ => [],
    };
}
