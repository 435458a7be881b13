using System.Text.Json;
using HealthOracle.DevHost.Auth;

namespace HealthOracle.DevHost.Tests.Auth;

public sealed class ClientPrincipalTests
{
    private static readonly ClientPrincipal Ada = new("6f1d2c3b-0000-4000-8000-000000000001", "ada@example.com");

    [Fact]
    public void PrincipalJson_HasAppServicesShape()
    {
        using var json = JsonDocument.Parse(Ada.PrincipalJson());
        var root = json.RootElement;

        Assert.Equal(["auth_typ", "claims", "name_typ", "role_typ"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("aad", root.GetProperty("auth_typ").GetString());
        Assert.Equal(ClientPrincipal.EmailClaim, root.GetProperty("name_typ").GetString());
        Assert.Equal(ClientPrincipal.RoleClaim, root.GetProperty("role_typ").GetString());
        var claims = root.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("typ").GetString()!, c => c.GetProperty("val").GetString());
        Assert.Equal(Ada.UserId, claims[ClientPrincipal.ObjectIdClaim]);
        Assert.Equal(Ada.UserId, claims[ClientPrincipal.NameIdentifierClaim]);
        Assert.Equal(Ada.UserName, claims["name"]);
        Assert.Equal(Ada.UserName, claims["preferred_username"]);
        Assert.Equal(Ada.UserName, claims[ClientPrincipal.EmailClaim]);
    }

    [Fact]
    public void MeJson_IsAnArrayWithTheProviderUserIdAndClaims()
    {
        using var json = JsonDocument.Parse(Ada.MeJson(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero)));

        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("aad", entry.GetProperty("provider_name").GetString());
        Assert.Equal(Ada.UserName, entry.GetProperty("user_id").GetString());
        Assert.Equal("2026-11-30T17:00:00.0000000Z", entry.GetProperty("expires_on").GetString());
        Assert.Contains(entry.GetProperty("user_claims").EnumerateArray(),
            c => c.GetProperty("typ").GetString() == ClientPrincipal.ObjectIdClaim && c.GetProperty("val").GetString() == Ada.UserId);
    }

    [Fact]
    public void Headers_AreTheFourPlatformHeaders()
    {
        var headers = Ada.Headers.ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal([PlatformHeaders.Principal, PlatformHeaders.PrincipalId, PlatformHeaders.PrincipalName, PlatformHeaders.PrincipalIdp], headers.Keys);
        Assert.Equal(Ada.PrincipalJson(), Convert.FromBase64String(headers[PlatformHeaders.Principal]));
        Assert.Equal(Ada.UserId, headers[PlatformHeaders.PrincipalId]);
        Assert.Equal(Ada.UserName, headers[PlatformHeaders.PrincipalName]);
        Assert.Equal("aad", headers[PlatformHeaders.PrincipalIdp]);
    }

    [Theory]
    [InlineData("X-MS-CLIENT-PRINCIPAL", true)]
    [InlineData("x-ms-client-principal-id", true)]
    [InlineData("X-MS-CLIENT-PRINCIPAL-NAME", true)]
    [InlineData("X-MS-CLIENT-PRINCIPAL-IDP", true)]
    [InlineData("X-MS-CLIENT-PRINCIPAL-ROLES", true)]
    [InlineData("X-MS-TOKEN-AAD-ID-TOKEN", true)]
    [InlineData("x-ms-token-aad-access-token", true)]
    [InlineData("X-MS-INVOCATION-ID", false)]
    [InlineData("X-Forwarded-For", false)]
    [InlineData("Authorization", false)]
    public void IsOwnedByPlatform_ThePrincipalAndTokenHeaders(string name, bool owned)
    {
        Assert.Equal(owned, PlatformHeaders.IsOwnedByPlatform(name));
    }

    [Theory]
    [InlineData("6f1d2c3b-0000-4000-8000-000000000001", true)]
    [InlineData("ada.lovelace_1@example", true)]
    [InlineData("", false)]
    [InlineData("ada lovelace", false)]
    [InlineData("ada\u00e9", false)]
    [InlineData("a/b", false)]
    public void CheckUserId_LettersDigitsAndFourMarksOnly(string userId, bool valid)
    {
        Assert.Equal(valid, ClientPrincipal.CheckUserId(userId) is null);
        Assert.Null(ClientPrincipal.CheckUserId(new string('a', ClientPrincipal.MaxUserIdLength)));
        Assert.NotNull(ClientPrincipal.CheckUserId(new string('a', ClientPrincipal.MaxUserIdLength + 1)));
    }

    [Theory]
    [InlineData("ada@example.com", true)]
    [InlineData("Ada Lovelace", true)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData(" ada", false)]
    [InlineData("Zo\u00eb", false)]
    [InlineData("ada\r\nX-Injected: 1", false)]
    public void CheckUserName_PrintableAsciiWithoutOuterSpaces(string userName, bool valid)
    {
        Assert.Equal(valid, ClientPrincipal.CheckUserName(userName) is null);
    }

    [Fact]
    public void ToString_SaysNothingAboutThePerson()
    {
        Assert.DoesNotContain("ada", Ada.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("6f1d2c3b", Ada.ToString(), StringComparison.Ordinal);
    }
}
