using System.Text;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Docs;

/// <summary>
/// docs/errors.md is written from the one catalogue in code (<see cref="ProblemTypes"/>), so it cannot drift:
/// <c>UPDATE_SNAPSHOTS=1</c> rewrites it, and the test fails while it differs. Codes are unique and stable in form.
/// </summary>
public sealed class ErrorCatalogueTests
{
    private static readonly string Doc = Path.Combine(RepositoryPaths.Root, "docs", "errors.md");

    [Fact]
    public void ErrorsPage_IsWrittenFromTheCatalogue()
    {
        var expected = Page();
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Doc, expected, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        Assert.Equal(expected, File.ReadAllText(Doc));
    }

    [Fact]
    public void Catalogue_CodesAreUniquePascalCaseAndTheirTypesDistinct()
    {
        var all = ProblemTypes.All;

        Assert.True(all.Count >= 20);
        Assert.Equal(all.Count, all.Select(t => t.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(all.Count, all.Select(t => t.Uri).Distinct().Count());
        Assert.All(all, t => Assert.Matches("^[A-Z][A-Za-z]+$", t.Code));
        Assert.All(all, t => Assert.InRange(t.Status, 400, 599));
    }

    private static string Page()
    {
        var text = new StringBuilder();
        text.Append("""
            # Errors: the problem catalogue

            <!-- Written by Functions.Tests/Docs/ErrorCatalogueTests.cs from Functions/Infrastructure/ProblemTypes.cs:
                 edit the catalogue, then UPDATE_SNAPSHOTS=1 dotnet test Functions.Tests -c Release --filter FullyQualifiedName~ErrorCatalogueTests -->

            Every error the service answers is `application/problem+json` (RFC 9457) with a stable **`code`** to branch on
            (as Azure's `x-ms-error-code` and Google AIP-193's `reason`), its own **`type`** URI (`urn:healthoracle:problem:`
            and the code: a stable name, not a web address), `title`, `status`, a `detail` that says what happened in this case,
            and the request's **`requestId`** and **`traceId`** (the same as the `x-request-id` and `traceresponse` headers
            every answer carries; quote them when you report a problem). A 400 adds `errors`: messages per field, keyed by
            the field's name (`age`, or `patients[3].age` in a batch), never echoing a value. Some add `reason` (a 503's cause).

            Branch on `code`, never on `title` or `detail` (their wording may improve). A code is never renamed or given another
            meaning; new codes may appear in any version, so treat an unknown code by its `status` (docs/api.md, *Deprecation policy*).
            The API gateway's own refusals (401 no key, 403 quota, 404 no such operation, 429 rate limit) carry a code of this
            catalogue too (infra/app/apim-policies/global.xml); [calling-the-api.md](calling-the-api.md#5-what-the-status-codes-mean) lists who answers what.

            | code | status | title | what it means | what to do |
            |---|---|---|---|---|

            """);
        foreach (var type in ProblemTypes.All)
        {
            text.Append(Row(type));
        }

        return text.ToString();
    }

    private static string Row(ProblemType type) =>
        $"| <a id=\"{type.Code}\"></a>`{type.Code}` | {type.Status} | {type.Title} | {type.Meaning} | {type.WhatToDo} |\n";
}
