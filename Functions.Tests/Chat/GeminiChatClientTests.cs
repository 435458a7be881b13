using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Chat;

public sealed class GeminiChatClientTests : IAsyncLifetime
{
    private GeminiStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await GeminiStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.User, "What is cholesterol?"),
        new(ChatRole.Assistant, "A fatty substance in the blood."),
        new(ChatRole.User, "How do I lower it?"),
    ];

    [Fact]
    public async Task GetResponseAsync_GeminiApi_SendsKeyRolesInstructionConfigAndSafety()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Reply("**Eat more fibre.**"));

        var response = await client.GetResponseAsync(Conversation, new ChatOptions { Instructions = "Be kind.", Temperature = 0.25f, MaxOutputTokens = 300 });

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", request.Path);
        Assert.Equal("", request.Query);
        Assert.Equal(GeminiStandIn.DefaultApiKey, request.ApiKey);
        Assert.Null(request.Authorization);
        Assert.Empty(request.Violations);
        Assert.Equal(["user", "model", "user"], request.Roles);
        Assert.Equal(["What is cholesterol?", "A fatty substance in the blood.", "How do I lower it?"], request.Texts);
        Assert.Equal("Be kind.", request.SystemInstruction);
        Assert.Equal(0.25, request.GenerationConfig!["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(300, request.GenerationConfig["maxOutputTokens"]!.GetValue<int>());
        Assert.Equal(GeminiRequestMapper.HarmCategories.Order(), request.SafetySettings.Keys.Order());
        Assert.All(request.SafetySettings.Values, threshold => Assert.Equal("BLOCK_MEDIUM_AND_ABOVE", threshold));
        Assert.Equal("**Eat more fibre.**", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(GeminiStandIn.ModelVersion, response.ModelId);
        Assert.Equal(120, response.Usage!.InputTokenCount);
        Assert.Equal(48, response.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_Vertex_UsesScopedServiceAccountTokenAndVertexPath()
    {
        var keyFile = _standIn.WriteServiceAccountFile(Path.GetTempPath());
        using var services = ChatTestServices.Create(new Dictionary<string, string?>
        {
            ["Gemini:Endpoint"] = _standIn.Url,
            ["Gemini:Project"] = "health-oracle",
            ["Gemini:Location"] = "europe-west4",
            ["Gemini:CredentialsFile"] = keyFile,
            ["Gemini:Model"] = "gemini-2.5-pro",
        });
        var client = services.GetRequiredService<IChatClient>();

        var first = await client.GetResponseAsync(Conversation);
        var second = await client.GetResponseAsync(Conversation);

        File.Delete(keyFile);
        Assert.Equal(2, _standIn.Requests.Count);
        Assert.All(_standIn.Requests, request =>
        {
            Assert.Equal("/v1/projects/health-oracle/locations/europe-west4/publishers/google/models/gemini-2.5-pro:generateContent", request.Path);
            Assert.Equal("Bearer " + GeminiStandIn.AccessToken, request.Authorization);
            Assert.Null(request.ApiKey);
            Assert.Empty(request.Violations);
        });
        var token = Assert.Single(_standIn.TokenRequests);
        Assert.Equal("https://www.googleapis.com/auth/cloud-platform", token.Scope);
        Assert.Equal("chat@stand-in-project.iam.gserviceaccount.com", token.Issuer);
        Assert.Equal(GeminiStandIn.DefaultReply, first.Text);
        Assert.Equal(GeminiStandIn.DefaultReply, second.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Chunks_YieldsEachChunkInOrderWithFinish()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Chunks("- **Move** daily", "\n- **Sleep** well", "\n- See your GP"));

        var updates = await client.GetStreamingResponseAsync(Conversation).ToListAsync();

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request.Path);
        Assert.Equal("?alt=sse", request.Query);
        Assert.Equal(["- **Move** daily", "\n- **Sleep** well", "\n- See your GP"], updates.Select(u => u.Text));
        Assert.Equal([null, null, ChatFinishReason.Stop], updates.Select(u => u.FinishReason));
        Assert.Contains(updates[^1].Contents, content => content is UsageContent { Details.TotalTokenCount: 168 });
    }

    [Fact]
    public async Task GetResponseAsync_429WithRetryAfter_RetriesAndSucceeds()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Status(429, retryAfterSeconds: 1), GeminiBehavior.Reply("Recovered."));

        var response = await client.GetResponseAsync(Conversation);

        Assert.Equal(2, _standIn.Requests.Count);
        Assert.Equal("Recovered.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_503Persisting_ThrowsUpstreamAfterBoundedRetries()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Gemini:MaxRetries", "2"));
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Status(503, 1), GeminiBehavior.Status(503, 1), GeminiBehavior.Status(503, 1), GeminiBehavior.Reply("Too late."));

        var exception = await Assert.ThrowsAsync<GeminiUpstreamException>(() => client.GetResponseAsync(Conversation));

        Assert.Equal(3, _standIn.Requests.Count);
        Assert.Equal(503, exception.UpstreamStatus);
        Assert.Equal("UNAVAILABLE", exception.Reason);
    }

    [Fact]
    public async Task GetResponseAsync_500_ThrowsUpstreamWithoutRetry()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Status(500));

        var exception = await Assert.ThrowsAsync<GeminiUpstreamException>(() => client.GetResponseAsync(Conversation));

        Assert.Single(_standIn.Requests);
        Assert.Equal(500, exception.UpstreamStatus);
    }

    [Fact]
    public async Task GetResponseAsync_WrongApiKey_ThrowsUpstream403()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Gemini:ApiKey", "not-the-key"));
        var client = services.GetRequiredService<IChatClient>();

        var exception = await Assert.ThrowsAsync<GeminiUpstreamException>(() => client.GetResponseAsync(Conversation));

        Assert.Equal(403, exception.UpstreamStatus);
        Assert.Equal("PERMISSION_DENIED", exception.Reason);
    }

    [Fact]
    public async Task GetResponseAsync_SlowAnswer_ThrowsTimeout()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Gemini:TimeoutSeconds", "1"));
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Slow(TimeSpan.FromSeconds(30)));

        var exception = await Assert.ThrowsAsync<GeminiTimeoutException>(() => client.GetResponseAsync(Conversation));

        Assert.Equal(TimeSpan.FromSeconds(1), exception.Timeout);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SlowAnswer_ThrowsTimeout()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Gemini:TimeoutSeconds", "1"));
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Slow(TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAsync<GeminiTimeoutException>(async () => await client.GetStreamingResponseAsync(Conversation).ToListAsync());
    }

    [Theory]
    [InlineData("candidate")]
    [InlineData("prompt")]
    public async Task GetResponseAsync_SafetyBlocked_ReturnsContentFilterWithoutText(string blocked)
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(blocked == "prompt" ? GeminiBehavior.PromptBlocked() : GeminiBehavior.SafetyBlocked());

        var response = await client.GetResponseAsync(Conversation);

        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Equal("", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_MalformedJson_ThrowsUpstream()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Malformed());

        var exception = await Assert.ThrowsAsync<GeminiUpstreamException>(() => client.GetResponseAsync(Conversation));

        Assert.Equal("malformed answer", exception.Reason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MalformedChunk_ThrowsUpstream()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var client = services.GetRequiredService<IChatClient>();
        _standIn.Enqueue(GeminiBehavior.Malformed());

        var exception = await Assert.ThrowsAsync<GeminiUpstreamException>(async () => await client.GetStreamingResponseAsync(Conversation).ToListAsync());

        Assert.Equal("malformed chunk", exception.Reason);
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchema_SendsJsonMimeTypeAndGeminiSchema()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var client = services.GetRequiredService<IChatClient>();
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(ChatPrompts.SuggestionsSchema, "suggestions") };

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Suggest.")], options);

        var config = Assert.Single(_standIn.Requests).GenerationConfig!;
        Assert.Equal("application/json", config["responseMimeType"]!.GetValue<string>());
        var schema = config["responseSchema"]!;
        Assert.Equal("OBJECT", schema["type"]!.GetValue<string>());
        Assert.Equal("ARRAY", schema["properties"]!["suggestions"]!["type"]!.GetValue<string>());
        Assert.Equal("STRING", schema["properties"]!["suggestions"]!["items"]!["type"]!.GetValue<string>());
        Assert.Equal(10, schema["properties"]!["suggestions"]!["minItems"]!.GetValue<int>());
        Assert.Equal(15, schema["properties"]!["suggestions"]!["maxItems"]!.GetValue<int>());
        Assert.Equal("suggestions", schema["required"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task GetResponseAsync_NotConfigured_ThrowsNotConfiguredWithoutCalling()
    {
        using var services = ChatTestServices.Create(new Dictionary<string, string?> { ["Gemini:Endpoint"] = _standIn.Url });
        var client = services.GetRequiredService<IChatClient>();

        await Assert.ThrowsAsync<ChatNotConfiguredException>(() => client.GetResponseAsync(Conversation));

        Assert.Empty(_standIn.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_VertexWithoutCredentials_ThrowsNotConfigured()
    {
        using var services = ChatTestServices.Create(new Dictionary<string, string?>
        {
            ["Gemini:Endpoint"] = _standIn.Url,
            ["Gemini:Project"] = "health-oracle",
            ["Gemini:CredentialsFile"] = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json"),
        });
        var client = services.GetRequiredService<IChatClient>();

        await Assert.ThrowsAsync<ChatNotConfiguredException>(() => client.GetResponseAsync(Conversation));

        Assert.Empty(_standIn.Requests);
    }
}
