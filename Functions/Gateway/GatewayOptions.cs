using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Gateway;

/// <summary>
/// Who may call the paid API (predictions and chat) without a subscription key: the API Management
/// gateway, which proves itself with <see cref="Key"/> (or <see cref="PreviousKey"/> while a key is being
/// rotated), and the static site's visitors, one person's worth at a time. Bound from the <c>Gateway</c>
/// section (infra/app/api.bicep sets it in Azure); <see cref="GatewayKeys"/> decides what the values mean.
/// </summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The header the gateway sends its key in (infra/app/apim-policies/api.xml).</summary>
    public const string KeyHeader = "X-Gateway-Key";

    /// <summary>
    /// The key the gateway sends (a Key Vault reference in Azure). Empty, as locally and wherever no gateway is
    /// deployed (and <see cref="Required"/> is false): there is no paid route, and every caller is treated alike.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>
    /// A second accepted key: the other of the two key slots in Key Vault, so that the gateway and the app can
    /// change keys one after the other without a window where paid calls are refused. Optional; a value that is
    /// not a usable key is never accepted.
    /// </summary>
    public string? PreviousKey { get; set; }

    /// <summary>
    /// True where a gateway is deployed (infra sets it whenever API Management is): then a <see cref="Key"/> that
    /// is not a real key means "required and not configured" and the paid routes are refused, never opened.
    /// A non-empty <see cref="Key"/> makes the gateway required too.
    /// </summary>
    public bool Required { get; set; }

    /// <summary>Paid calls per minute per client address that do not come through the gateway; default 30.</summary>
    public int SitePermitsPerMinute { get; set; } = 30;

    /// <summary>
    /// Comma list of the path prefixes whose POSTs are the paid API; default predictions, chat, the pages that
    /// answer the site's forms (which predict and chat too), the FHIR operation and the CDS Hooks services.
    /// </summary>
    public string PaidPaths { get; set; } = "/api/predict/,/api/chat,/api/pages/,/api/fhir/,/api/cds-services";

    public IReadOnlyList<string> PaidPathList =>
        PaidPaths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether a call is part of the paid API: a POST under one of <see cref="PaidPaths"/>.</summary>
    public bool IsPaid(string method, PathString path) =>
        HttpMethods.IsPost(method)
        && PaidPathList.Any(prefix => path.StartsWithSegments(prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
