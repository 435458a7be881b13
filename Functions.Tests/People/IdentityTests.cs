using System.Text;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthOracle.Functions.Tests.People;

/// <summary>Reading the caller from the platform's headers, and trusting them only where the platform's authentication is on.</summary>
public sealed class IdentityTests
{
    private const string ObjectId = "6f1d2c3b-0000-4000-8000-000000000001";

    [Theory]
    [InlineData("True")]
    [InlineData("true")]
    public async Task Middleware_AuthEnabled_TheHeadersNameTheCaller(string enabled)
    {
        var caller = await CallerSeenByFunctionAsync(enabled, Headers(id: ObjectId, name: "ada@example.com", idp: "aad"));

        Assert.Equal(new Caller("aad", ObjectId, "ada@example.com"), caller);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("False")]
    [InlineData("")]
    [InlineData("yes")]
    public async Task Middleware_AuthNotEnabled_HeadersAreIgnored(string? enabled)
    {
        var caller = await CallerSeenByFunctionAsync(enabled, Headers(id: ObjectId, name: "ada@example.com", idp: "aad", principal: Principal(ObjectId)));

        Assert.Null(caller);
    }

    [Fact]
    public void Read_OnlyThePrincipal_TakesTheObjectIdClaim()
    {
        var caller = ClientPrincipalHeaders.Read(Headers(principal: Principal(ObjectId)));

        Assert.Equal(ObjectId, caller?.UserId);
        Assert.Equal("aad", caller?.IdentityProvider);
        Assert.Null(caller?.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("quote'")]
    public void Read_AnIdOutsideTheContract_IsAnonymous(string id) =>
        Assert.Null(ClientPrincipalHeaders.Read(Headers(id: id)));

    [Fact]
    public void Read_AnIdTooLong_OrTwoIdHeaders_OrAPrincipalThatIsNotBase64Json_IsAnonymous()
    {
        Assert.Null(ClientPrincipalHeaders.Read(Headers(id: new string('a', 129))));
        var twice = new HeaderDictionary { ["X-MS-CLIENT-PRINCIPAL-ID"] = new(["a", "b"]) };
        Assert.Null(ClientPrincipalHeaders.Read(twice));
        Assert.Null(ClientPrincipalHeaders.Read(Headers(principal: "not base64!")));
        Assert.Null(ClientPrincipalHeaders.Read(Headers(principal: Convert.ToBase64String("[1,2]"u8.ToArray()))));
        Assert.Null(ClientPrincipalHeaders.Read(Headers()));
    }

    [Fact]
    public void PersonKey_IsStableHexOfFixedLength_AndHoldsNoPartOfTheIdOrName()
    {
        var key = PersonKey.For("aad", ObjectId);

        Assert.Equal(key, new Caller("aad", ObjectId, "ada@example.com").PersonKey);
        Assert.Equal(key, new Caller("AAD", ObjectId, "someone else").PersonKey);
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.DoesNotContain("6f1d2c3b", key);
        Assert.NotEqual(key, PersonKey.For("github", ObjectId));
        Assert.NotEqual(key, PersonKey.For("aad", ObjectId.ToUpperInvariant()));
    }

    [Fact]
    public void Caller_ToString_ShowsNeitherIdNorName() =>
        Assert.Equal("Caller (aad)", new Caller("aad", ObjectId, "ada@example.com").ToString());

    private static async Task<Caller?> CallerSeenByFunctionAsync(string? authEnabled, IHeaderDictionary headers)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [CallerMiddleware.AuthEnabledSetting] = authEnabled })
            .Build();
        var middleware = new CallerMiddleware(configuration, NullLogger<CallerMiddleware>.Instance);
        var http = new DefaultHttpContext();
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        Caller? seen = null;
        await middleware.Invoke(new TestFunctionContext("Me", http: http), _ =>
        {
            seen = http.Request.Caller();
            return Task.CompletedTask;
        });
        return seen;
    }

    private static HeaderDictionary Headers(string? id = null, string? name = null, string? idp = null, string? principal = null)
    {
        var headers = new HeaderDictionary();
        if (id is not null)
        {
            headers["X-MS-CLIENT-PRINCIPAL-ID"] = id;
        }

        if (name is not null)
        {
            headers["X-MS-CLIENT-PRINCIPAL-NAME"] = name;
        }

        if (idp is not null)
        {
            headers["X-MS-CLIENT-PRINCIPAL-IDP"] = idp;
        }

        if (principal is not null)
        {
            headers["X-MS-CLIENT-PRINCIPAL"] = principal;
        }

        return headers;
    }

    private static string Principal(string objectId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        $$"""{"auth_typ":"aad","claims":[{"typ":"name","val":"x"},{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"{{objectId}}"}]}"""));
}
