using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthOracle.DevHost.Hosting;

namespace HealthOracle.DevHost.Auth;

/// <summary>
/// The session cookie of the sign-in emulation, named as App Service names its own
/// (<c>AppServiceAuthSession</c>): <c>base64url(payload).base64url(HMAC-SHA256(payload))</c>, where the
/// payload holds a random session id, the user id, the name and when the session ends (8 hours, App
/// Service's default). The key is random per DevHost run, or derived from <c>DevHost__AuthSessionKey</c> so
/// that sessions survive a restart. A cookie that is altered, signed with another key, expired, malformed or
/// of a session ended by <c>/.auth/logout</c> is no session: a copy of the cookie kept by anyone stops working at
/// logout, not 8 hours later (issue 24, S7).
/// </summary>
internal sealed class SessionCookie(byte[] key, TimeProvider time)
{
    /// <summary>Sessions ended by logout, until they would have expired anyway (then they are forgotten).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

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
            json.WriteString("sid", Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
            json.WriteString("uid", principal.UserId);
            json.WriteString("name", principal.UserName);
            json.WriteNumber("exp", expiresOn.ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        var payload = buffer.ToArray();
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>Ends <paramref name="session"/> for every copy of its cookie (logout); ended sessions past their expiry are forgotten.</summary>
    public void End(Session session)
    {
        var now = time.GetUtcNow();
        foreach (var (id, expiresOn) in _ended)
        {
            if (expiresOn <= now)
            {
                _ended.TryRemove(id, out _);
            }
        }

        _ended[session.Id] = session.ExpiresOn;
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
                || !root.TryGetProperty("sid", out var sid) || sid.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("uid", out var uid) || uid.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var seconds))
            {
                return null;
            }

            var expiresOn = DateTimeOffset.FromUnixTimeSeconds(seconds);
            var principal = new ClientPrincipal(uid.GetString()!, name.GetString()!);
            var id = sid.GetString()!;
            return expiresOn > time.GetUtcNow()
                && !_ended.ContainsKey(id)
                && ClientPrincipal.CheckUserId(principal.UserId) is null
                && ClientPrincipal.CheckUserName(principal.UserName) is null
                ? new Session(id, principal, expiresOn)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>A valid session: its id, who, and until when.</summary>
internal sealed record Session(string Id, ClientPrincipal Principal, DateTimeOffset ExpiresOn);
