using System.Globalization;
using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// The built pages are what a browser with JavaScript off posts, so their forms must carry the API's contract
/// exactly: names, kinds, ranges, required fields and codes. Read from the page in a real browser with JavaScript
/// disabled, compared with the definitions.
/// </summary>
[Trait("Category", "Browser")]
public sealed class StaticFormsTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string ReadForm = """
        () => {
          const form = document.getElementById("predict-form");
          return JSON.stringify({
            method: form.getAttribute("method"),
            action: form.getAttribute("action"),
            notice: document.querySelector(".notice")?.textContent ?? null,
            fields: [...form.querySelectorAll("[data-kind]")].map(c => ({
              name: c.name, tag: c.tagName.toLowerCase(), kind: c.dataset.kind, required: c.required,
              type: c.getAttribute("type"), inputmode: c.getAttribute("inputmode"),
              hint: document.getElementById(`${c.id}-hint`).textContent,
              label: document.querySelector(`label[for="${c.id}"]`).textContent,
              units: [...form.querySelectorAll(`[data-unit-for="${c.name}"] option`)].map(o => [o.value, o.dataset.factor]),
              codes: c.tagName === "SELECT" ? [...c.options].filter(o => o.value !== "").map(o => [o.value, o.textContent]) : null,
            })),
          });
        }
        """;

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task StaticForm_WithoutJavaScript_MatchesTheSchema(string disease)
    {
        var schema = DiseaseCatalog.Get(disease);
        await using var context = await CheckoutSite.OpenAsync(chromium, disease + ".html", javaScript: false);
        var page = context.Pages[0];

        var form = JsonDocument.Parse(await page.EvaluateAsync<string>(ReadForm)).RootElement;

        Assert.Equal("post", form.GetProperty("method").GetString());
        Assert.Equal($"{new HealthOracle.SiteBuilder.SiteBuild(TestSupport.RepositoryPaths.Root, "unused").ApiBase}/api/pages/predict/{disease}", form.GetProperty("action").GetString());
        Assert.Equal(schema.Notice is not null, form.GetProperty("notice").ValueKind == JsonValueKind.String);
        var fields = form.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(schema.Fields.Select(f => f.Name), fields.Select(f => f.GetProperty("name").GetString()));
        foreach (var (spec, field) in schema.Fields.Zip(fields))
        {
            AssertField(spec, field);
        }
    }

    private static void AssertField(FieldDefinition spec, JsonElement field)
    {
        Assert.Equal(spec.Required, field.GetProperty("required").GetBoolean());
        Assert.StartsWith(spec.Label, field.GetProperty("label").GetString());
        if (spec.Kind == FieldKind.Code)
        {
            Assert.Equal("select", field.GetProperty("tag").GetString());
            var codes = field.GetProperty("codes").EnumerateArray().Select(c => (c[0].GetString()!, c[1].GetString()!));
            Assert.Equal(spec.Codes!.Select(c => (c.Value.ToString(CultureInfo.InvariantCulture), c.Label)), codes);
            return;
        }

        Assert.Equal(spec.Kind == FieldKind.Integer ? "integer" : "number", field.GetProperty("kind").GetString());
        // A text input: a number input would read a decimal comma as a thousands separator (0,9 as 9).
        Assert.Equal("text", field.GetProperty("type").GetString());
        Assert.Equal(spec.Kind == FieldKind.Integer ? "numeric" : "decimal", field.GetProperty("inputmode").GetString());
        // The accepted range, in every unit the field takes, is in the hint.
        Assert.Contains(HealthOracle.Functions.Site.ValueText.Range(spec), field.GetProperty("hint").GetString());
        var units = field.GetProperty("units").EnumerateArray().Select(u => (u[0].GetString(), double.Parse(u[1].GetString()!, CultureInfo.InvariantCulture))).ToList();
        if (spec.AlternativeUnits.Count > 0)
        {
            // The unit is chosen beside the value, each choice with its exact factor to the field's unit.
            Assert.Equal(spec.AlternativeUnits.Select(u => ((string?)u.Unit, u.ToFieldUnit)).Prepend((spec.Unit, 1)), units);
            return;
        }

        Assert.Empty(units);
        if (spec.Unit is null)
        {
            // A dimensionless value (urine specific gravity): the label shows no unit.
            Assert.DoesNotContain("(", field.GetProperty("label").GetString());
            return;
        }

        Assert.Contains($"({spec.Unit})", field.GetProperty("label").GetString());
    }
}
