using System.Text;
using System.Text.Encodings.Web;

namespace HealthOracle.DevHost.Auth;

/// <summary>
/// The small pages of the sign-in emulation: the sign-in form (with its errors beside each field and in a
/// summary that links to them), and the "signed in" and "signed out" pages App Service shows when no
/// redirect was asked for.
/// </summary>
internal static class LoginPage
{
    private const string Style = """
        body { font: 1.125rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
        main { max-width: 34rem; margin: 0 auto; padding: 1.5rem 1rem; }
        label { display: block; font-weight: 600; margin-top: 1.25rem; }
        .hint { color: #3d3d3d; margin: 0.25rem 0; font-size: 1rem; }
        input { font: inherit; width: 100%; box-sizing: border-box; min-height: 2.75rem; padding: 0.4rem 0.6rem; border: 2px solid #1b1b1b; border-radius: 0.25rem; }
        input[aria-invalid="true"] { border-color: #b00020; }
        .error { color: #b00020; font-weight: 600; margin: 0.25rem 0; }
        button, .button { font: inherit; min-height: 2.75rem; margin-top: 1.5rem; padding: 0.5rem 1.25rem; border: 0; border-radius: 0.25rem; background: #0b57d0; color: #fff; cursor: pointer; display: inline-block; text-decoration: none; }
        :focus-visible { outline: 3px solid #ffbf47; outline-offset: 0; box-shadow: 0 0 0 5px #1b1b1b; }
        .summary { border: 3px solid #b00020; padding: 0.5rem 1rem; margin: 1rem 0; }
        code { font-size: 0.95em; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        """;

    /// <summary>The CSP source of <see cref="Style"/>, the one style a page has: no other style, no script at all.</summary>
    private static readonly string StyleHash =
        "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    /// <summary>
    /// What every page of the sign-in emulation is sent with: no sniffing, no framing (no clickjacking of the sign-in
    /// form), no script, only its own style, and forms that post only to this origin or go on (a redirect after the
    /// post counts) to an origin in <c>Host.CORS</c>.
    /// </summary>
    public static void AddSecurityHeaders(HttpResponse response, IEnumerable<string> corsOrigins)
    {
        var formTargets = string.Join(' ', corsOrigins.Prepend("'self'"));
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src {StyleHash}; img-src data:; form-action {formTargets}; base-uri 'none'; frame-ancestors 'none'";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public static string SignInForm(string provider, string userId, string userName, string? redirect, IReadOnlyDictionary<string, string> errors)
    {
        var html = new StringBuilder();
        Start(html, errors.Count > 0 ? "Error: sign in" : "Sign in");
        html.Append("<h1>Sign in to the local API</h1>\n")
            .Append("<p>DevHost stands in for App Service Authentication with Microsoft Entra ID (provider <code>")
            .Append(Encode(provider))
            .Append("</code>). There is no password: type who you want to be.</p>\n");
        if (errors.Count > 0)
        {
            html.Append("<div class=\"summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\" autofocus>\n<h2>There is a problem</h2>\n<ul>\n");
            foreach (var (field, message) in errors)
            {
                html.Append("<li><a href=\"#").Append(field).Append("\">").Append(Encode(message)).Append("</a></li>\n");
            }

            html.Append("</ul>\n</div>\n");
        }

        html.Append("<form method=\"post\" action=\"/.auth/login/").Append(Encode(provider)).Append("\" novalidate>\n");
        Field(html, "user_id", "User id", "The id Entra ID would give this person (its object id, a GUID). Letters, digits and - . _ @ only.", userId, "off", ClientPrincipal.MaxUserIdLength, errors);
        Field(html, "user_name", "Name", "As Entra ID's preferred_username, such as ada@example.com.", userName, "email", ClientPrincipal.MaxUserNameLength, errors);
        if (redirect is not null)
        {
            html.Append("<input type=\"hidden\" name=\"post_login_redirect_uri\" value=\"").Append(Encode(redirect)).Append("\">\n");
        }

        html.Append("<button type=\"submit\">Sign in</button>\n</form>\n");
        return End(html);
    }

    public static string Message(string title, string text, string? linkText = null, string? linkHref = null)
    {
        var html = new StringBuilder();
        Start(html, title);
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n<p>").Append(Encode(text)).Append("</p>\n");
        if (linkText is not null && linkHref is not null)
        {
            html.Append("<p><a class=\"button\" href=\"").Append(Encode(linkHref)).Append("\">").Append(Encode(linkText)).Append("</a></p>\n");
        }

        return End(html);
    }

    private static void Field(StringBuilder html, string name, string label, string hint, string value, string autocomplete, int maxLength, IReadOnlyDictionary<string, string> errors)
    {
        var describedBy = $"{name}-hint";
        html.Append("<label for=\"").Append(name).Append("\">").Append(Encode(label)).Append("</label>\n")
            .Append("<p class=\"hint\" id=\"").Append(name).Append("-hint\">").Append(Encode(hint)).Append("</p>\n");
        if (errors.TryGetValue(name, out var error))
        {
            describedBy += $" {name}-error";
            html.Append("<p class=\"error\" id=\"").Append(name).Append("-error\"><span class=\"visually-hidden\">Error: </span>").Append(Encode(error)).Append("</p>\n");
        }

        html.Append("<input id=\"").Append(name).Append("\" name=\"").Append(name)
            .Append("\" type=\"text\" required spellcheck=\"false\" autocomplete=\"").Append(autocomplete)
            .Append("\" maxlength=\"").Append(maxLength)
            .Append("\" aria-describedby=\"").Append(describedBy).Append('"')
            .Append(errors.ContainsKey(name) ? " aria-invalid=\"true\"" : "")
            .Append(" value=\"").Append(Encode(value)).Append("\">\n");
    }

    private static void Start(StringBuilder html, string title) =>
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(Encode(title)).Append(" – DevHost</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");

    private static string End(StringBuilder html) => html.Append("</main>\n</body>\n</html>\n").ToString();

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
