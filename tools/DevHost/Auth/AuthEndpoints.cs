using System.Text;
using HealthOracle.DevHost.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HealthOracle.DevHost.Auth;

/// <summary>
/// The <c>/.auth/*</c> routes of App Service Authentication, served by DevHost (they never reach the
/// worker): <c>GET /.auth/login/aad</c> (a form), <c>POST /.auth/login/aad</c> (<c>user_id</c>,
/// <c>user_name</c>, optional <c>post_login_redirect_uri</c>; sets the session cookie and redirects),
/// <c>GET /.auth/me</c> (the principal, or 401), <c>GET|POST /.auth/logout</c> (ends the session and
/// redirects to <c>post_logout_redirect_uri</c>), and the pages shown when no redirect was asked for.
/// </summary>
internal sealed partial class AuthEndpoints(EasyAuth auth, SessionCookie sessions, RedirectPolicy redirects, ILogger<AuthEndpoints> logger)
{
    public const string LoginPath = "/.auth/login/" + ClientPrincipal.Provider;
    public const string LoginDonePath = "/.auth/login/done";
    public const string LogoutCompletePath = "/.auth/logout/complete";

    private static readonly FormOptions SignInFormLimits = new()
    {
        BufferBodyLengthLimit = 16 * 1024,
        MultipartBodyLengthLimit = 16 * 1024,
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = 4 * 1024,
    };

    /// <summary>Handles <paramref name="path"/> under <c>/.auth</c>.</summary>
    public Task HandleAsync(HttpContext context, PathString path)
    {
        context.Response.Headers.CacheControl = "no-store";
        var method = context.Request.Method;
        return path.Value?.TrimEnd('/').ToLowerInvariant() switch
        {
            "/login/" + ClientPrincipal.Provider when HttpMethods.IsGet(method) || HttpMethods.IsHead(method) => ShowSignInAsync(context),
            "/login/" + ClientPrincipal.Provider when HttpMethods.IsPost(method) => SignInAsync(context),
            "/login/" + ClientPrincipal.Provider => NotAllowedAsync(context, "GET, POST"),
            "/login/done" => HtmlAsync(context, StatusCodes.Status200OK, LoginPage.Message("Signed in", "You are signed in to the local API.", "Who am I? (/.auth/me)", "/.auth/me")),
            "/me" when HttpMethods.IsGet(method) || HttpMethods.IsHead(method) => MeAsync(context),
            "/me" => NotAllowedAsync(context, "GET"),
            "/logout" when HttpMethods.IsGet(method) || HttpMethods.IsPost(method) => SignOutAsync(context),
            "/logout" => NotAllowedAsync(context, "GET, POST"),
            "/logout/complete" => HtmlAsync(context, StatusCodes.Status200OK, LoginPage.Message("Signed out", "You have signed out of the local API.", "Sign in again", LoginPath)),
            var other when other?.StartsWith("/login/", StringComparison.Ordinal) == true => ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound,
                $"The only identity provider configured is '{ClientPrincipal.Provider}' (Microsoft Entra ID): sign in at {LoginPath}."),
            _ => ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "App Service Authentication has no such route under /.auth."),
        };
    }

    private Task ShowSignInAsync(HttpContext context)
    {
        var requested = context.Request.Query["post_login_redirect_uri"].ToString();
        if (requested.Length > 0 && redirects.Resolve(requested) is null)
        {
            return RedirectRefusedAsync(context, "post_login_redirect_uri");
        }

        return HtmlAsync(context, StatusCodes.Status200OK,
            LoginPage.SignInForm(ClientPrincipal.Provider, "", "", requested.Length > 0 ? requested : null, new Dictionary<string, string>()));
    }

    private async Task SignInAsync(HttpContext context)
    {
        if (!redirects.IsTrustedPost(context.Request))
        {
            LogCrossSiteSignInRefused(logger);
            await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden,
                "A sign-in posted from a page on another site is refused (its Origin is neither this API nor an origin in Host.CORS); sign in from this API's own sign-in page.");
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType,
                "Sign in with a form: application/x-www-form-urlencoded (or multipart/form-data) with user_id and user_name.");
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(SignInFormLimits, context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            // Too large or too many values (InvalidDataException), or a multipart body that breaks off or has no
            // valid boundary (IOException: "Unexpected end of Stream"): the caller's form, not DevHost, is at fault.
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "The form is not a sign-in form: it is too large, or malformed.");
            return;
        }

        var userId = form["user_id"].ToString();
        var userName = form["user_name"].ToString();
        var requested = form["post_login_redirect_uri"] is { Count: > 0 } posted ? posted.ToString() : context.Request.Query["post_login_redirect_uri"].ToString();
        var errors = new Dictionary<string, string>();
        if (ClientPrincipal.CheckUserId(userId) is { } idError)
        {
            errors["user_id"] = idError;
        }

        if (ClientPrincipal.CheckUserName(userName) is { } nameError)
        {
            errors["user_name"] = nameError;
        }

        if (errors.Count > 0)
        {
            if (WantsHtml(context.Request))
            {
                await HtmlAsync(context, StatusCodes.Status400BadRequest,
                    LoginPage.SignInForm(ClientPrincipal.Provider, userId, userName, requested.Length > 0 ? requested : null, errors));
                return;
            }

            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "The sign-in form has fields to correct.",
                errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
            return;
        }

        var location = requested.Length > 0 ? redirects.Resolve(requested) : LoginDonePath;
        if (location is null)
        {
            await RedirectRefusedAsync(context, "post_login_redirect_uri");
            return;
        }

        var cookie = sessions.Issue(new ClientPrincipal(userId, userName), out _);
        context.Response.Cookies.Append(SessionCookie.Name, cookie, CookieOptions(context.Request));
        LogSignedIn(logger, ClientPrincipal.Provider);
        context.Response.Redirect(location);
    }

    private async Task MeAsync(HttpContext context)
    {
        if (auth.SessionOf(context.Request) is not { } session)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, $"Nobody is signed in: sign in at {LoginPath}.");
            return;
        }

        var body = session.Principal.MeJson(session.ExpiresOn);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private async Task SignOutAsync(HttpContext context)
    {
        var requested = context.Request.Query["post_logout_redirect_uri"].ToString();
        var location = requested.Length > 0 ? redirects.Resolve(requested) : LogoutCompletePath;
        if (location is null)
        {
            await RedirectRefusedAsync(context, "post_logout_redirect_uri");
            return;
        }

        if (auth.SessionOf(context.Request) is { } session)
        {
            // Every copy of this cookie stops working now, not when the cookie would have expired.
            sessions.End(session);
        }

        context.Response.Cookies.Delete(SessionCookie.Name, CookieOptions(context.Request));
        LogSignedOut(logger);
        context.Response.Redirect(location);
    }

    private static Task RedirectRefusedAsync(HttpContext context, string field) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest,
            $"{field} must be a path on this origin (/…) or a URL on an origin listed in Host.CORS.",
            new Dictionary<string, string[]> { [field] = ["Not a path on this origin, nor a URL on an origin in Host.CORS."] });

    private static Task NotAllowedAsync(HttpContext context, string allow) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, $"This route allows {allow}.", allow: allow);

    private Task HtmlAsync(HttpContext context, int status, string html)
    {
        var body = Encoding.UTF8.GetBytes(html);
        LoginPage.AddSecurityHeaders(context.Response, redirects.Origins);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };

    private static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "A session began through the emulated {Provider} sign-in")]
    private static partial void LogSignedIn(ILogger logger, string provider);

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "A session ended (/.auth/logout)")]
    private static partial void LogSignedOut(ILogger logger);

    [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "A sign-in posted from another site was refused (login CSRF)")]
    private static partial void LogCrossSiteSignInRefused(ILogger logger);
}
