using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Gateway;

/// <summary>
/// Who may call the paid API (predictions and chat) without a subscription key: the API Management
/// gateway, which proves itself with <see cref="Key"/>, and the static site's visitors, one person's worth
/// at a time. Bound from the <c>Gateway</c> section (infra/app/api.bicep sets it in Azure).
/// </summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The header the gateway sends its key in (infra/app/apim-policies/api.xml).</summary>
    public const string KeyHeader = "X-Gateway-Key";

    /// <summary>
    /// The gateway's key (a Key Vault reference in Azure). Empty, as locally and wherever no gateway is
    /// deployed: there is no paid route, and every caller is treated alike.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Paid calls per minute per client address that do not come through the gateway; default 30.</summary>
    public int SitePermitsPerMinute { get; set; } = 30;

    /// <summary>
    /// Comma list of the path prefixes whose POSTs are the paid API; default predictions, chat, and the pages that
    /// answer the site's forms (which predict and chat too).
    /// </summary>
    public string PaidPaths { get; set; } = "/api/predict/,/api/chat,/api/pages/";

    public bool Enabled => !string.IsNullOrEmpty(Key);

    public IReadOnlyList<string> PaidPathList =>
        PaidPaths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether a call is part of the paid API: a POST under one of <see cref="PaidPaths"/>.</summary>
    public bool IsPaid(string method, PathString path) =>
        HttpMethods.IsPost(method)
        && PaidPathList.Any(prefix => path.StartsWithSegments(prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
