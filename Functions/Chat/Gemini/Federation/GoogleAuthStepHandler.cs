using System.Text.Json;

namespace HealthOracle.Functions.Chat.Gemini.Federation;

/// <summary>
/// Sits under Google.Apis.Auth's HTTP client for the STS and IAM Credentials calls (above the retries): notes which
/// step is running and, when one fails, its status and Google's error code (<c>invalid_target</c>, <c>PERMISSION_DENIED</c>).
/// It reads nothing else of a body, and never a token.
/// </summary>
internal sealed class GoogleAuthStepHandler(FederationSteps steps) : DelegatingHandler
{
    private const int MaxErrorBytes = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var step = request.RequestUri?.AbsolutePath.EndsWith(":generateAccessToken", StringComparison.Ordinal) == true
            ? FederationStep.IamCredentials
            : FederationStep.Sts;
        steps.Enter(step);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            steps.Failed(step, null, null);
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            steps.Failed(step, (int)response.StatusCode, await ErrorCodeAsync(response.Content, cancellationToken));
        }

        return response;
    }

    // OAuth's {"error":"invalid_grant",…} (STS) or Google's {"error":{"status":"PERMISSION_DENIED",…}} (IAM Credentials).
    private static async Task<string?> ErrorCodeAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            // Buffered, so that Google.Apis.Auth still reads the whole body after this.
            await content.LoadIntoBufferAsync(MaxErrorBytes, cancellationToken);
            using var json = JsonDocument.Parse(await content.ReadAsStreamAsync(cancellationToken));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error)
                ? error.ValueKind switch
                {
                    JsonValueKind.String => Code(error.GetString()),
                    JsonValueKind.Object when error.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String => Code(status.GetString()),
                    _ => null,
                }
                : null;
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }

    // A code is a short identifier; anything else is not repeated.
    private static string? Code(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? value : null;
}
