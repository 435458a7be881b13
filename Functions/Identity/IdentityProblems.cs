using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Identity;

/// <summary>What a route that answers for the signed-in person alone says to anyone else.</summary>
internal static class IdentityProblems
{
    /// <summary>Where the platform's sign-in starts (App Service Authentication; DevHost emulates it).</summary>
    public const string SignInPath = "/.auth/login/aad";

    public static Problem SignInRequired() => Problems.Status(ProblemTypes.SignInRequired,
        $"This route answers for the signed-in person only. Sign in first ({SignInPath}); a browser calling from the site sends the sign-in cookie with credentials: 'include'.");

    /// <summary>A signed-in write that another site's page sent (issue 24, S2): refused, nothing changed.</summary>
    public static Problem CrossSiteWrite() => Problems.Status(ProblemTypes.CrossSiteWrite,
        WriteOrigin.RefusedReason, extensions: new Dictionary<string, object?> { ["reason"] = "CrossSiteWrite" });
}
