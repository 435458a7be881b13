using System.Net;
using System.Text.Json;
using HealthOracle.DevHost.Auth;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.DevHost.Tests.EndToEnd;

/// <summary>One DevHost (the real worker) whose sign-in emulation plays App Service Authentication for a site on another origin.</summary>
public sealed class SignInFixture : IAsyncLifetime
{
    public const string SiteOrigin = "http://site.test";
    public const string SessionKey = "sign-in tests: a key from local.settings.json";

    public DevHostServer Host { get; } = new(
        new Dictionary<string, string> { ["DevHost__AuthSessionKey"] = SessionKey },
        cors: SiteOrigin,
        corsCredentials: true);

    public Task InitializeAsync() => Host.StartAsync();

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}

/// <summary>Sign in, who am I, sign out, through the real DevHost as a browser and an API caller meet them.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SignInTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    [Fact]
    public async Task SignInPage_Get_IsAnAccessibleFormWithTheDocumentedFields()
    {
        using var client = Client(new CookieContainer());

        using var response = await client.GetAsync("/.auth/login/aad?post_login_redirect_uri=/.auth/me");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("<form method=\"post\" action=\"/.auth/login/aad\"", html);
        Assert.Contains("<label for=\"user_id\">", html);
        Assert.Contains("<input id=\"user_id\" name=\"user_id\"", html);
        Assert.Contains("<label for=\"user_name\">", html);
        Assert.Contains("<input id=\"user_name\" name=\"user_name\"", html);
        Assert.Contains("name=\"post_login_redirect_uri\" value=\"/.auth/me\"", html);
    }

    [Fact]
    public async Task SignInMeSignOut_RoundTrip()
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);

        using var signIn = await SignInAsync(client, "ada-oid", "ada@example.com");
        using var me = await client.GetAsync("/.auth/me");
        using var meBody = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        using var signOut = await client.GetAsync("/.auth/logout");
        using var meAfter = await client.GetAsync("/.auth/me");

        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        Assert.Equal("/.auth/login/done", signIn.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{SessionCookie.Name}=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var entry = Assert.Single(meBody.RootElement.EnumerateArray());
        Assert.Equal("aad", entry.GetProperty("provider_name").GetString());
        Assert.Equal("ada@example.com", entry.GetProperty("user_id").GetString());
        Assert.Contains(entry.GetProperty("user_claims").EnumerateArray(),
            c => c.GetProperty("typ").GetString() == ClientPrincipal.ObjectIdClaim && c.GetProperty("val").GetString() == "ada-oid");

        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        Assert.Equal("/.auth/logout/complete", signOut.Headers.Location?.OriginalString);
        Assert.Contains("expires=Thu, 01 Jan 1970", Assert.Single(signOut.Headers.GetValues("Set-Cookie")));
        await AssertProblemAsync(meAfter, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_RedirectToTheSiteOrigin_IsFollowed()
    {
        using var client = Client(new CookieContainer());

        using var response = await SignInAsync(client, "ada-oid", "ada@example.com", SignInFixture.SiteOrigin + "/history.html");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(SignInFixture.SiteOrigin + "/history.html", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.test/")]
    [InlineData("//evil.test/")]
    [InlineData("/\\evil.test/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://site.test.evil.test/")]
    public async Task SignInAndOut_RedirectAnywhereElse_Is400AndChangesNoSession(string target)
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);

        using var signIn = await SignInAsync(client, "ada-oid", "ada@example.com", target);
        using var page = await client.GetAsync("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(target));
        using var signOut = await client.GetAsync("/.auth/logout?post_logout_redirect_uri=" + Uri.EscapeDataString(target));

        await AssertProblemAsync(signIn, HttpStatusCode.BadRequest);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
        Assert.Null(signIn.Headers.Location);
        await AssertProblemAsync(page, HttpStatusCode.BadRequest);
        await AssertProblemAsync(signOut, HttpStatusCode.BadRequest);
        Assert.Null(signOut.Headers.Location);
    }

    [Fact]
    public async Task SignIn_FieldsToCorrect_Answers400NamingThem()
    {
        using var client = Client(new CookieContainer());

        using var response = await SignInAsync(client, "ada lovelace", "");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("user_id", out _));
        Assert.True(errors.TryGetProperty("user_name", out _));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task SignIn_FieldsToCorrectFromABrowser_ShowsTheFormWithItsErrors()
    {
        using var client = Client(new CookieContainer());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/login/aad")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user_id"] = "", ["user_name"] = "ada@example.com" }),
        };
        request.Headers.Add("Accept", "text/html,application/xhtml+xml");

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("<a href=\"#user_id\">", html);
        Assert.Matches("<input id=\"user_id\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("value=\"ada@example.com\"", html);
    }

    [Fact]
    public async Task Me_CookieSignedForAnotherPerson_IsAnonymous()
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);
        using var signIn = await SignInAsync(client, "ada-oid", "ada@example.com");
        var genuine = cookies.GetCookies(fixture.Host.BaseAddress)[SessionCookie.Name]!.Value;
        var otherPayload = new SessionCookie(new byte[32], TimeProvider.System).Issue(new ClientPrincipal("eve-oid", "eve@example.com"), out _).Split('.')[0];

        using var me = await MeWithCookieAsync($"{otherPayload}.{genuine.Split('.')[1]}");

        await AssertProblemAsync(me, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_CookieThatExpired_IsAnonymous_AndOneSignedWithTheConfiguredKeyIsAccepted()
    {
        var key = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SignInFixture.SessionKey));
        var nineHoursAgo = new SessionCookie(key, new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-9)));
        var now = new SessionCookie(key, TimeProvider.System);

        using var expired = await MeWithCookieAsync(nineHoursAgo.Issue(new ClientPrincipal("ada-oid", "ada@example.com"), out _));
        using var valid = await MeWithCookieAsync(now.Issue(new ClientPrincipal("ada-oid", "ada@example.com"), out _));

        await AssertProblemAsync(expired, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Me_FromTheSiteWithCredentials_AllowsTheOriginAndCredentials()
    {
        using var client = Client(new CookieContainer());
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/.auth/me");
        preflight.Headers.Add("Origin", SignInFixture.SiteOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.auth/me");
        request.Headers.Add("Origin", SignInFixture.SiteOrigin);

        using var preflightResponse = await client.SendAsync(preflight);
        using var response = await client.SendAsync(request);

        foreach (var answer in new[] { preflightResponse, response })
        {
            Assert.Equal(SignInFixture.SiteOrigin, Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.Equal("true", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Credentials")));
        }
    }

    [Fact]
    public async Task SignedInApiCallWithAForgedHeader_IsForwardedAndAnswered()
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);
        using var signIn = await SignInAsync(client, "ada-oid", "ada@example.com");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-ID", "mallory");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Logout_ThenTheSameCookie_IsNoSession()
    {
        // Issue 24, S7: the session used to stay valid for its 8 hours after /.auth/logout (a stateless HMAC).
        var cookies = new CookieContainer();
        using var client = Client(cookies);
        using var signIn = await SignInAsync(client, "ada-oid", "ada@example.com");
        var kept = cookies.GetCookies(fixture.Host.BaseAddress)[SessionCookie.Name]!.Value;
        using var before = await MeWithCookieAsync(kept);

        using var signOut = await client.PostAsync("/.auth/logout", null);
        using var after = await MeWithCookieAsync(kept);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        await AssertProblemAsync(after, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("https://evil.example", "cross-site")]
    [InlineData("null", "cross-site")]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    public async Task SignIn_PostedFromAnotherSite_Is403AndStartsNoSession(string? origin, string? fetchSite)
    {
        // Issue 24, S7: login CSRF, a page elsewhere signing its visitor in as the attacker.
        var cookies = new CookieContainer();
        using var client = Client(cookies);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/login/aad")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user_id"] = "mallory-oid", ["user_name"] = "mallory@example.com" }),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Empty(cookies.GetCookies(fixture.Host.BaseAddress));
    }

    [Theory]
    [InlineData(null, "same-origin")]
    [InlineData(SignInFixture.SiteOrigin, "same-site")]
    [InlineData("self", "same-origin")]
    public async Task SignIn_PostedFromThisOriginOrTheSite_SignsIn(string? origin, string fetchSite)
    {
        using var client = Client(new CookieContainer());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/login/aad")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user_id"] = "ada-oid", ["user_name"] = "ada@example.com" }),
        };
        request.Headers.Add("Sec-Fetch-Site", fetchSite);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin == "self" ? fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority) : origin);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith($"{SessionCookie.Name}=", Assert.Single(response.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task SignIn_MalformedMultipart_Is400Problem()
    {
        // Issue 24, S5: DevHost answered 500 (it caught InvalidDataException, not the IOException of a broken body).
        using var client = Client(new CookieContainer());
        using var content = new ByteArrayContent("x"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        using var response = await client.PostAsync("/.auth/login/aad", content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignInPage_IsSentWithSecurityHeaders()
    {
        // Issue 24, S8: no sniffing, no framing of the sign-in form, no script, forms only to here or the site.
        using var client = Client(new CookieContainer());

        using var page = await client.GetAsync("/.auth/login/aad");
        using var form = new HttpRequestMessage(HttpMethod.Post, "/.auth/login/aad") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user_id"] = "" }) };
        form.Headers.Accept.ParseAdd("text/html");
        using var errors = await client.SendAsync(form);

        foreach (var response in new[] { page, errors })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains($"form-action 'self' {SignInFixture.SiteOrigin}", policy);
            Assert.DoesNotContain("script-src", policy);
            Assert.Matches("style-src 'sha256-[A-Za-z0-9+/=]+'", policy);
        }

        Assert.Equal("text/html", errors.Content.Headers.ContentType?.MediaType);
    }

    private HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = fixture.Host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userId, string userName, string? redirect = null)
    {
        var form = new Dictionary<string, string> { ["user_id"] = userId, ["user_name"] = userName };
        if (redirect is not null)
        {
            form["post_login_redirect_uri"] = redirect;
        }

        return client.PostAsync("/.auth/login/aad", new FormUrlEncodedContent(form));
    }

    private async Task<HttpResponseMessage> MeWithCookieAsync(string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, UseProxy = false }) { BaseAddress = fixture.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.auth/me");
        request.Headers.Add("Cookie", $"{SessionCookie.Name}={cookie}");
        return await client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
    }
}

/// <summary>With <c>--auth off</c> DevHost is App Service without authentication: no /.auth routes.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SignInOffTests
{
    [Fact]
    public async Task AuthEmulationOff_AuthRoutesAreNotServed()
    {
        await using var host = new DevHostServer(authEmulation: false);
        await host.StartAsync();
        using var client = host.CreateClient();

        using var me = await client.GetAsync("/.auth/me");
        using var login = await client.GetAsync("/.auth/login/aad");

        Assert.Equal(HttpStatusCode.NotFound, me.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
    }
}
