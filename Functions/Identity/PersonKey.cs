using System.Security.Cryptography;
using System.Text;

namespace HealthOracle.Functions.Identity;

/// <summary>
/// One person's partition key: lowercase hex SHA-256 of a versioned prefix, the identity provider and the
/// provider's id for the person. Fixed length, only characters Table Storage allows in a key, and neither
/// the directory's id nor a name or e-mail. Unkeyed on purpose (docs/accounts.md says why).
/// </summary>
internal static class PersonKey
{
    private const string Prefix = "healthoracle/person/v1";

    public static string For(string identityProvider, string userId)
    {
        var text = $"{Prefix}\n{identityProvider.ToLowerInvariant()}\n{userId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
