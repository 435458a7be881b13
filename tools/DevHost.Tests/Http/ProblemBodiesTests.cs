using System.Text;
using System.Text.Json;
using HealthOracle.DevHost.Http;

namespace HealthOracle.DevHost.Tests.Http;

/// <summary>Kestrel's own empty error answers get a problem body; nothing else is touched.</summary>
public sealed class ProblemBodiesTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(414)]
    [InlineData(431)]
    public void Rewrite_KestrelsEmptyErrorAnswer_CarriesAProblem(int status)
    {
        var kestrel = $"HTTP/1.1 {status} Whatever\r\nContent-Length: 0\r\nConnection: close\r\nDate: Mon, 30 Nov 2026 03:00:00 GMT\r\nServer: Kestrel\r\n\r\n";

        var rewritten = Encoding.Latin1.GetString(KestrelErrorBodies.Rewrite(Encoding.Latin1.GetBytes(kestrel))!);

        var (head, body) = (rewritten[..rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal)], rewritten[(rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.StartsWith($"HTTP/1.1 {status} Whatever\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/problem+json", head, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length: 0", head, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 204 No Content\r\n\r\n")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("0\r\n\r\n")]
    public void Rewrite_AnythingElse_IsLeftAsItIs(string response)
    {
        Assert.Null(KestrelErrorBodies.Rewrite(Encoding.Latin1.GetBytes(response)));
    }

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("a\tb ~", true)]
    [InlineData("", true)]
    [InlineData("caf\u00e9", false)]
    [InlineData("a\u0001b", false)]
    [InlineData("a\u007fb", false)]
    [InlineData("a\nb", false)]
    public void HeaderValues_VisibleAsciiSpacesAndTabsOnly(string value, bool forwardable)
    {
        Assert.Equal(forwardable, HeaderValues.IsForwardable(value));
    }

    [Fact]
    public void Serialize_HasTheAppsProblemShape()
    {
        using var problem = JsonDocument.Parse(ProblemResponses.Serialize(400, "Fix it.", new Dictionary<string, string[]> { ["user_id"] = ["Enter a user id."] }));
        var root = problem.RootElement;

        Assert.Equal(["type", "title", "status", "detail", "errors"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", root.GetProperty("type").GetString());
        Assert.Equal("Bad Request", root.GetProperty("title").GetString());
        Assert.Equal("Enter a user id.", root.GetProperty("errors").GetProperty("user_id")[0].GetString());
    }
}
