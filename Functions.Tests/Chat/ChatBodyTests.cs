using System.Text;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure.Bodies;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.Chat;

/// <summary>The chat's body reader against what an attacker sends (issue 18): always a value or a 4xx problem.</summary>
public sealed class ChatBodyTests
{
    [Theory]
    [InlineData("""{"message":"hi","prediction":{"disease":"heart","riskPercentage":5,"inputs":{"age":"\ud800"}}}""")]
    [InlineData("""{"message":"hi","prediction":{"disease":"heart","riskPercentage":5,"inputs":{"\udc00":1}}}""")]
    [InlineData("""{"message":"\ud800"}""")]
    [InlineData("""{"message":"hi","history":[{"role":"user","text":"a\udfffb"}]}""")]
    public async Task ReadAsync_LoneSurrogateEscape_Is400(string json)
    {
        var (value, problem) = await Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(value);
        Assert.Equal(400, problem!.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_Is400()
    {
        var body = "{\"message\":\"h"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}"u8.ToArray()).ToArray();

        var (value, problem) = await Read(body);

        Assert.Null(value);
        Assert.Equal(400, problem!.StatusCode);
        Assert.Contains("UTF-8", problem.Details.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Utf8ByteOrderMark_IsAccepted()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("{\"message\":\"hi\"}"u8.ToArray()).ToArray();

        var (value, problem) = await Read(body);

        Assert.Null(problem);
        Assert.Equal("hi", value!.Message);
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=windows-1252")]
    public async Task ReadAsync_CharsetWeDoNotRead_Is415(string contentType)
    {
        var (_, problem) = await Read("{\"message\":\"hi\"}"u8.ToArray(), contentType);

        Assert.Equal(415, problem!.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_BadJsonUnderALongName_KeysTheErrorByAShortenedPath()
    {
        // Found by the fuzzer (bench/Fuzz/findings/chat/20261130-crashes-*): the error's key echoed a 20 KB name.
        var body = Encoding.UTF8.GetBytes("{\"message\":\"hi\",\"prediction\":{\"model\":{\"" + new string('r', 20_000) + "\": }}}");

        var (_, problem) = await Read(body);

        Assert.Equal(400, problem!.StatusCode);
        var key = Assert.Single(problem.Errors!.Keys);
        Assert.True(key.Length <= 65, $"key of {key.Length} characters");
    }

    [Fact]
    public async Task ReadAsync_ValidThenValidated_NeverThrowsOnEscapedText()
    {
        var (value, problem) = await Read("""{"message":"caf\u00e9 \ud83d\ude00","prediction":{"disease":"heart","riskPercentage":5,"inputs":{"note":"\u00e9"}}}"""u8.ToArray());

        Assert.Null(problem);
        Assert.Empty(ChatValidator.Validate(value!));
        Assert.Equal("café 😀", value!.Message);
    }

    internal static Task<(ChatRequest? Value, HealthOracle.Functions.Infrastructure.Problem? Problem)> Read(byte[] body, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return RequestBodyReader.ReadJsonAsync(context.Request, ChatBody.Json, ChatJsonContext.Default.ChatRequest, CancellationToken.None).AsTask();
    }
}
