using System.Text;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Diseases.Definitions;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Predictions.Requests;

/// <summary>
/// What an attacker sends (issue 18): invalid UTF-8, lone surrogates, bodies built to multiply errors,
/// byte order marks and charsets. Every answer is a bounded 4xx problem, never an exception.
/// </summary>
public sealed class HostileBodyTests
{
    /// <summary>No error answer is larger than this, whatever the body (the HTML page included).</summary>
    public const int MaxProblemBytes = 16 * 1024;

    [Fact]
    public async Task ReadAsync_InvalidUtf8InAName_Is400NotAnException()
    {
        var body = "{\""u8.ToArray().Concat(new byte[] { 0xFF }).Concat("\":1}"u8.ToArray()).ToArray();

        var problem = await ProblemOf(body);

        Assert.Equal(400, problem.StatusCode);
        Assert.Contains("UTF-8", problem.Details.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InAValue_Is400NotAnException()
    {
        var body = Encoding.UTF8.GetBytes(TestPatients.Json("heart", "age", "\"6X\"")).Select(b => b == (byte)'X' ? (byte)0xC3 : b).ToArray();

        var problem = await ProblemOf(body);

        Assert.Equal(400, problem.StatusCode);
    }

    [Theory]
    [InlineData("\"6\\ud8003\"")]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"\\ud800\\ud800\"")]
    public async Task ReadAsync_LoneSurrogateEscapeInAValue_Is400NamingTheField(string raw)
    {
        var problem = await ProblemOf(TestPatients.Json("heart", "age", raw));

        Assert.Equal(400, problem.StatusCode);
        Assert.Contains("must be a JSON number", Assert.Single(problem.Errors!["age"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LoneSurrogateEscapeInAName_Is400()
    {
        var problem = await ProblemOf(TestPatients.Json("heart").TrimEnd('}') + ",\"\\ud800x\":1}");

        Assert.Equal(400, problem.StatusCode);
        Assert.Contains(problem.Errors!.Keys, key => key.Contains("not valid text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_LongUnknownName_IsShortenedInTheErrorKey()
    {
        var name = new string('n', 20_000);

        var problem = await ProblemOf(TestPatients.Json("heart").TrimEnd('}') + ",\"" + name + "\":1}");

        var key = Assert.Single(problem.Errors!.Keys);
        Assert.True(key.Length <= 80, $"key of {key.Length} characters");
    }

    [Fact]
    public async Task ReadAsync_BatchPatientWith170000UnknownFields_IsABoundedProblemThatSaysHowManyMore()
    {
        var body = "[{" + string.Join(",", Enumerable.Repeat("\"a\":0", 170_000)) + "}]";

        var problem = await ProblemOf(body);

        Assert.Equal(400, problem.StatusCode);
        Assert.True(problem.Errors!.Values.Sum(m => m.Length) <= Errors.MaxListed);
        Assert.True((int)problem.Details.Extensions["moreErrors"]! > 0);
        Assert.Equal(true, problem.Details.Extensions["readingStopped"]);
        Assert.InRange(await SizeOf(problem), 1, MaxProblemBytes);
    }

    [Fact]
    public async Task ReadAsync_OnePatientWith5000UnknownFields_StopsReadingAndIsBounded()
    {
        var body = "{" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"u{i}\":0")) + "}";

        var problem = await ProblemOf(body);

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal(true, problem.Details.Extensions["readingStopped"]);
        Assert.InRange(await SizeOf(problem), 1, MaxProblemBytes);
    }

    [Fact]
    public async Task ReadAsync_1000EmptyPatients_IsABoundedProblem()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("{}", 1000)) + "]";

        var problem = await ProblemOf(body);

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal(Errors.MaxListed, problem.Errors!.Values.Sum(m => m.Length));
        Assert.Contains("more", problem.Details.Detail, StringComparison.Ordinal);
        Assert.InRange(await SizeOf(problem), 1, MaxProblemBytes);
    }

    [Fact]
    public async Task ReadAsync_ErrorsUnderTheCap_AreListedWholeWithoutExtensions()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("{}", 3)) + "]";

        var problem = await ProblemOf(body);

        Assert.Equal(39, problem.Errors!.Values.Sum(m => m.Length));
        Assert.Equal(["code"], problem.Details.Extensions.Keys);
    }

    [Fact]
    public async Task ReadAsync_BatchOfNumbers_StopsReadingAtTheErrorLimit()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("1", 200_000)) + "]";

        var problem = await ProblemOf(body);

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal(true, problem.Details.Extensions["readingStopped"]);
        Assert.InRange(await SizeOf(problem), 1, MaxProblemBytes);
    }

    [Fact]
    public async Task ReadAsync_FormWithThousandsOfValues_IsABounded400()
    {
        var body = string.Join("&", Enumerable.Range(0, 5000).Select(i => $"x{i}=1"));

        var problem = await ProblemOf(body, "application/x-www-form-urlencoded");

        Assert.Equal(400, problem.StatusCode);
        Assert.InRange(await SizeOf(problem), 1, MaxProblemBytes);
    }

    [Fact]
    public async Task ReadAsync_FormWithMoreValuesThanAPatientsFormHas_StopsReadingWith400()
    {
        // The framework's default would read 1,024 values; one patient's form has a few dozen.
        var body = TestPatients.Form("heart") + "&" + string.Join("&", Enumerable.Range(0, 300).Select(i => $"x{i}=1"));

        var problem = await ProblemOf(body, "application/x-www-form-urlencoded");

        Assert.Equal(400, problem.StatusCode);
        Assert.Contains("256 values", problem.Details.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Utf8ByteOrderMarkBeforeJson_IsAccepted()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(TestPatients.Json("heart"))).ToArray();

        var (batch, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(body, "application/json"), CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(63, batch!.Value(0, 0));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=us-ascii")]
    public async Task ReadAsync_CharsetWeRead_IsAccepted(string contentType)
    {
        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(Encoding.UTF8.GetBytes(TestPatients.Json("heart")), contentType), CancellationToken.None);

        Assert.Null(problem);
    }

    [Theory]
    [InlineData("application/json; charset=utf-16", "utf-16")]
    [InlineData("application/json; charset=iso-8859-1", "iso-8859-1")]
    [InlineData("application/x-www-form-urlencoded; charset=utf-16", "utf-16")]
    [InlineData("multipart/form-data; boundary=b; charset=utf-32", "utf-32")]
    public async Task ReadAsync_CharsetWeDoNotRead_Is415NamingIt(string contentType, string charset)
    {
        var body = Encoding.Unicode.GetBytes(TestPatients.Json("heart"));

        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(body, contentType), CancellationToken.None);

        Assert.Equal(415, problem!.StatusCode);
        Assert.Contains(charset, problem.Details.Detail, StringComparison.Ordinal);
    }

    private static Task<Problem> ProblemOf(string body, string contentType = "application/json") => ProblemOf(Encoding.UTF8.GetBytes(body), contentType);

    private static async Task<Problem> ProblemOf(byte[] body, string contentType = "application/json")
    {
        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(body, contentType), CancellationToken.None);
        Assert.NotNull(problem);
        return problem;
    }

    /// <summary>The problem's size as JSON and as the HTML page a browser would get, whichever is larger.</summary>
    internal static async Task<int> SizeOf(Problem problem)
    {
        var json = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        json.RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        await problem.ExecuteAsync(json);
        var html = HealthOracle.Fuzz.ReaderTargets.ProblemPage(Heart.Definition, problem);
        return Math.Max((int)json.Response.Body.Length, Encoding.UTF8.GetByteCount(html));
    }

    private static HttpRequest Request(byte[] body, string? contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context.Request;
    }
}
