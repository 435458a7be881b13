using System.Text.Json.Nodes;
using HealthOracle.Functions.OpenApi;

namespace HealthOracle.Functions.Identity;

/// <summary>The platform's sign-in session as the document's security scheme; the routes that read the caller name it.</summary>
internal sealed class IdentityApi : IApiDescription
{
    /// <summary>The platform's session cookie (App Service Authentication; DevHost emulates it).</summary>
    public const string SignIn = "signIn";

    public void Describe(ApiDocumentBuilder api) => api.SecurityScheme(SignIn, new JsonObject
    {
        ["type"] = "apiKey",
        ["in"] = "cookie",
        ["name"] = "AppServiceAuthSession",
        ["description"] = $"The platform's sign-in session, set by `{IdentityProblems.SignInPath}`. The app never sees a password; it reads who is signed in from the platform.",
    });
}
