using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.People;

/// <summary>One caller of the API with a cookie jar: signed in through DevHost's /.auth/login/aad, or anonymous.</summary>
public sealed class Person : IDisposable
{
    private readonly HttpClient _client;

    private Person(Uri api, string? userId, string? name)
    {
        UserId = userId;
        Name = name;
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = api,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string? UserId { get; }

    public string? Name { get; }

    public HttpClient Client => _client;

    public static async Task<Person> SignInAsync(Uri api, string userId, string name)
    {
        var person = new Person(api, userId, name);
        using var response = await person._client.PostAsync("/.auth/login/aad",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["user_id"] = userId, ["user_name"] = name }));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return person;
    }

    public static Person Anonymous(Uri api) => new(api, null, null);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _client.SendAsync(request);
    }

    /// <summary>POSTs the disease's valid test patient and answers the parsed prediction.</summary>
    public async Task<JsonNode> PredictAsync(string disease, string query = "", string? json = null)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/predict/{disease}{query}", json ?? TestPatients.Json(disease));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Saves a prediction and answers its id.</summary>
    public async Task<string> SaveAsync(string disease, string? json = null)
    {
        var prediction = await PredictAsync(disease, json: json);
        Assert.True(prediction["history"]?["saved"]?.GetValue<bool>(), prediction.ToJsonString());
        return prediction["history"]!["id"]!.GetValue<string>();
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> PutProfileAsync(string json)
    {
        using var response = await SendAsync(HttpMethod.Put, "api/me/profile", json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> SuggestionsAsync(string predictionId)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/chat/suggestions", new JsonObject { ["predictionId"] = predictionId }.ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Every saved prediction id, following continuations.</summary>
    public async Task<List<string>> ListAllAsync(int pageSize = 100, string? disease = null)
    {
        var ids = new List<string>();
        string? continuation = null;
        do
        {
            var query = $"api/me/predictions?pageSize={pageSize}" + (disease is null ? "" : $"&disease={disease}")
                + (continuation is null ? "" : $"&continuation={continuation}");
            var page = await GetJsonAsync(query);
            ids.AddRange(page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()));
            continuation = page["continuation"]?.GetValue<string>();
        }
        while (continuation is not null);

        return ids;
    }

    public void Dispose() => _client.Dispose();
}
