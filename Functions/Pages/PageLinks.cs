using HealthOracle.Functions.Site;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Pages;

/// <summary>The links of the pages the API answers: the site's pages at <c>Site__Url</c> (or none), forms to the API's own routes.</summary>
internal sealed class PageLinks(IOptions<SiteOptions> options)
{
    public SiteLinks Links { get; } = SiteLinks.AnsweredBy(options.Value.BaseUri);
}
