using Azure;
using Azure.Identity;
using Microsoft.Identity.Client;

namespace HealthOracle.Functions.Chat.Gemini.Federation;

/// <summary>
/// Turns a failed exchange into what an operator can act on: which step failed, and the setting or the Google
/// or Azure configuration to fix. Built from statuses and Google's error codes only, never from a token.
/// </summary>
internal static class FederationReasons
{
    /// <summary>The managed identity endpoint failed or is absent.</summary>
    public static VertexCredentialException ManagedIdentity(Exception exception, FederationSettings settings)
    {
        if (exception is CredentialUnavailableException)
        {
            var endpoint = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT") is { Length: > 0 } ? "set" : "not set";
            return new VertexCredentialException(
                $"No managed identity answered (IDENTITY_ENDPOINT is {endpoint}): give the Function App {settings.Identity}"
                + (settings.ClientId is null ? "" : " (Gemini__ManagedIdentityClientId)") + ".", transient: false, exception);
        }

        var status = StatusOf(exception);
        return status is >= 400 and < 500 and not 408 and not 429
            ? new VertexCredentialException(
                $"The managed identity endpoint refused the token request (HTTP {status}): {settings.Identity} must be assigned to this app "
                + $"(Gemini__ManagedIdentityClientId), and Gemini__ManagedIdentityAudience ('{settings.IdentityAudience}') must be an application ID URI in the tenant.",
                transient: false, exception)
            : new VertexCredentialException(
                $"The managed identity endpoint failed ({Described(status)}) after retries; try again later.", transient: true, exception);
    }

    /// <summary>STS or IAM Credentials failed: <paramref name="failure"/> says which, as the step handler saw it.</summary>
    public static VertexCredentialException Google(Exception exception, StepFailure? failure, FederationSettings settings)
    {
        if (failure is null)
        {
            return new VertexCredentialException("Google's token exchange answered something that could not be read.", transient: true, exception);
        }

        if (failure.Status is null or 408 or 429 or >= 500)
        {
            var service = failure.Step == FederationStep.IamCredentials ? "IAM Credentials" : "Google's STS";
            return new VertexCredentialException($"{service} failed ({Described(failure.Status)}) after retries; try again later.", transient: true, exception);
        }

        var reason = failure.Step == FederationStep.IamCredentials ? Iam(failure, settings) : Sts(failure, settings);
        return new VertexCredentialException(reason, transient: false, exception);
    }

    /// <summary>A step did not finish while the chat waited.</summary>
    public static VertexCredentialException TimedOut(FederationStep step, TimeSpan waited) => new(
        $"The token exchange did not finish within {waited.TotalSeconds:0} s (waiting on {Name(step)}); try again later.", transient: true);

    private static string Sts(StepFailure failure, FederationSettings settings) => failure.Code switch
    {
        "invalid_target" => $"Audience wrong: Google's STS does not know the provider '{settings.Provider}' (Gemini__WorkloadIdentityProvider). "
            + "It must name an existing, enabled provider, with the project's number.",
        "invalid_grant" => $"Google's STS rejected the managed identity's token (invalid_grant): the provider '{settings.Provider}' must have the tenant's issuer "
            + $"(https://sts.windows.net/TENANT_ID/) and allow the audience '{settings.IdentityAudience}' (Gemini__ManagedIdentityAudience).",
        "unauthorized_client" or "access_denied" => $"Identity not allowed: the provider '{settings.Provider}' refuses {settings.Identity} "
            + $"({failure.Code}); its attribute condition must admit the identity's object (principal) ID.",
        _ => $"Google's STS refused the token exchange (HTTP {failure.Status}{Code(failure)}) for the provider '{settings.Provider}'.",
    };

    private static string Iam(StepFailure failure, FederationSettings settings) => failure.Status switch
    {
        403 => $"Identity not allowed to act as the service account '{settings.ServiceAccount}' (HTTP 403{Code(failure)}): grant this app's principal "
            + "in the workload identity pool the Workload Identity User role (roles/iam.workloadIdentityUser) on that service account.",
        404 => $"IAM Credentials does not know the service account '{settings.ServiceAccount}' (Gemini__ServiceAccount; HTTP 404).",
        _ => $"IAM Credentials refused generateAccessToken for '{settings.ServiceAccount}' (HTTP {failure.Status}{Code(failure)}).",
    };

    private static string Code(StepFailure failure) => failure.Code is { } code ? " " + code : "";

    private static string Described(int? status) => status is { } value ? $"HTTP {value}" : "no answer";

    private static string Name(FederationStep step) => step switch
    {
        FederationStep.ManagedIdentity => "the managed identity endpoint",
        FederationStep.Sts => "Google's STS",
        _ => "IAM Credentials",
    };

    private static int? StatusOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case MsalServiceException { StatusCode: > 0 } msal:
                    return msal.StatusCode;
                case RequestFailedException { Status: > 0 } failed:
                    return failed.Status;
            }
        }

        return null;
    }
}
