using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthOracle.DevHost.Hosting;

namespace HealthOracle.DevHost.Auth;

/// <summary>
/// The session cookie of the sign-in emulation, named as App Service names its own
/// (<c>AppServiceAuthSession</c>): <c>base64url(payload).base64url(HMAC-SHA256(payload))</c>, where the
/// payload holds the user id, the name and when the session ends (8 hours, App Service's default). The
/// key is random per DevHost run, or derived from <c>DevHost__AuthSessionKey</c> so that sessions survive a
/// restart. A cookie that is altered, signed with another key, expired or malformed is no session.
/// </summary>
internal sealed class SessionCookie(byte[] key, TimeProvider time)
{
    public const string Name = "AppServiceAuthSession";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static SessionCookie Create(LocalSettings settings, TimeProvider time) =>
        new(settings.AuthSessionKey is { Length: > 0 } configured
            ? SHA256.HashData(Encoding.UTF8.GetBytes(configured))
            : RandomNumberGenerator.GetBytes(32), time);

    public string Issue(ClientPrincipal principal, out DateTimeOffset expiresOn)
    {
        expiresOn = time.GetUtcNow() + Lifetime;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("uid", principal.UserId);
            json.WriteString("name", principal.UserName);
            json.WriteNumber("exp", expiresOn.ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        var payload = buffer.ToArray();
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The session the cookie proves, or null for anything else.</summary>
    public Session? Read(string? value)
    {
        if (value is not { Length: > 0 and <= 4096 } || value.Split('.') is not [var encodedPayload, var encodedSignature])
        {
            return null;
        }

        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(encodedPayload);
            signature = Base64Url.DecodeFromChars(encodedSignature);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload)))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("uid", out var uid) || uid.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var seconds))
            {
                return null;
            }

            var expiresOn = DateTimeOffset.FromUnixTimeSeconds(seconds);
            var principal = new ClientPrincipal(uid.GetString()!, name.GetString()!);
            return expiresOn > time.GetUtcNow()
                && ClientPrincipal.CheckUserId(principal.UserId) is null
                && ClientPrincipal.CheckUserName(principal.UserName) is null
                ? new Session(principal, expiresOn)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>A valid session: who, and until when.</summary>
internal sealed record Session(ClientPrincipal Principal, DateTimeOffset ExpiresOn);
