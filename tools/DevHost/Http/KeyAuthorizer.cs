using System.Security.Cryptography;
using System.Text;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// Function keys as the host checks them: the <c>x-functions-key</c> header or the <c>code</c> query
/// parameter. Function level takes the function key or the master key; admin level (and
/// <c>/admin/*</c>) only the master key; anonymous is open.
/// </summary>
internal sealed class KeyAuthorizer(LocalSettings settings)
{
    public const string KeyHeader = "x-functions-key";

    public bool IsAuthorized(HttpRequest request, AuthorizationLevel level)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var presented = request.Headers[KeyHeader].ToString();
        if (presented.Length == 0)
        {
            presented = request.Query["code"].ToString();
        }

        if (presented.Length == 0)
        {
            return false;
        }

        if (Matches(presented, settings.MasterKey))
        {
            return true;
        }

        return level is AuthorizationLevel.Function or AuthorizationLevel.User && Matches(presented, settings.FunctionKey);
    }

    /// <summary>What a caller refused at <paramref name="level"/> is told (401).</summary>
    public static string Missing(AuthorizationLevel level) =>
        level is AuthorizationLevel.Function or AuthorizationLevel.User
            ? $"This function needs its function key or the master key, in the {KeyHeader} header or the code query parameter."
            : $"This needs the master key, in the {KeyHeader} header or the code query parameter.";

    private static bool Matches(string presented, string key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
