using HealthOracle.Diseases.Fields;

namespace HealthOracle.Diseases.Tests;

/// <summary>Every field names its FHIR form, and the codes and units in those forms are well made.</summary>
public sealed class FhirFormTests
{
    public static TheoryData<string> Diseases => [.. DiseaseCatalog.All.Select(d => d.Key)];

    [Theory]
    [MemberData(nameof(Diseases))]
    public void EveryField_NamesItsFhirForm_WithACitation(string disease)
    {
        var fields = DiseaseCatalog.Get(disease).Fields;

        var missing = fields.Where(f => f.Fhir is null || string.IsNullOrWhiteSpace(f.Fhir.Citation)).Select(f => f.Name);

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void ObservationForms_HaveCodes_AndNumbersHaveAUcumUnit_AsDoTheirAlternativeUnits(string disease)
    {
        var fields = DiseaseCatalog.Get(disease).Fields.Where(f => f.Fhir!.Source == FhirSource.Observation).ToList();

        var noCode = fields.Where(f => f.Fhir!.Codes.Count == 0).Select(f => f.Name);
        var noUnit = fields.Where(f => f.Kind == FieldKind.Number && f.Fhir!.Answers.Count == 0 && f.Fhir.Ucum is null).Select(f => f.Name);
        var noAlternativeUcum = fields.SelectMany(f => f.AlternativeUnits).Where(u => string.IsNullOrEmpty(u.Ucum)).Select(u => u.Unit);

        Assert.Empty(noCode);
        Assert.Empty(noUnit);
        Assert.Empty(noAlternativeUcum);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void LoincCodes_CarryTheirMod10CheckDigit(string disease)
    {
        var codes = DiseaseCatalog.Get(disease).Fields
            .SelectMany(f => f.Fhir!.Codes.Select(c => c.Code).Append(f.Fhir.Panel))
            .Where(c => c is { System: FhirCode.Loinc })
            .Select(c => c!.Code);

        var wrong = codes.Where(c => !HasLoincCheckDigit(c));

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void ProjectCodes_AreTheFieldsOwnNames(string disease)
    {
        var fields = DiseaseCatalog.Get(disease).Fields;

        var wrong = fields.Where(f => f.Fhir!.Codes.Any(c => c.Code.System == FhirForm.ProjectSystem && c.Code.Code != f.Name)).Select(f => f.Name);

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void EveryDisease_NamesItsOutcomeInSnomedCt(string disease)
    {
        var outcome = DiseaseCatalog.Get(disease).Outcome;

        Assert.NotNull(outcome);
        Assert.Equal(FhirCode.Snomed, outcome.System);
        Assert.Matches("^[0-9]{6,18}$", outcome.Code);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void EveryPopulation_HasABriefUnder50Characters_ForACardSummary(string disease)
    {
        var brief = DiseaseCatalog.Get(disease).Population.Brief;

        Assert.InRange(brief.Length, 5, 50);
    }

    [Theory]
    [InlineData("2093-3", true)]
    [InlineData("8480-6", true)]
    [InlineData("718-7", true)]
    [InlineData("2093-4", false)]
    [InlineData("39156-6", false)]
    public void HasLoincCheckDigit_KnowsRightFromWrong(string code, bool expected) =>
        Assert.Equal(expected, HasLoincCheckDigit(code));

    // LOINC's Mod 10 check digit (LOINC Users' Guide, appendix "Calculating Mod 10 Check Digits"): the digits in odd
    // places from the right, read as one number and doubled, and the digits in even places, all summed digit by digit;
    // the check digit brings the sum to the next multiple of ten.
    private static bool HasLoincCheckDigit(string code)
    {
        var parts = code.Split('-');
        if (parts.Length != 2 || parts[1].Length != 1 || !parts[0].All(char.IsAsciiDigit))
        {
            return false;
        }

        var digits = parts[0];
        var odd = new System.Text.StringBuilder();
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var fromRight = digits.Length - i;
            if (fromRight % 2 == 1)
            {
                odd.Append(digits[i]);
            }
            else
            {
                sum += digits[i] - '0';
            }
        }

        sum += (long.Parse(odd.ToString(), System.Globalization.CultureInfo.InvariantCulture) * 2).ToString(System.Globalization.CultureInfo.InvariantCulture).Sum(c => c - '0');
        return (10 - (sum % 10)) % 10 == parts[1][0] - '0';
    }
}
