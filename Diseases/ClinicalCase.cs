namespace HealthOracle.Diseases;

/// <summary>
/// A patient whose answer a clinician can tell in advance: a textbook-sick person who must come out High, or a
/// case found by trying the model as a new user would, with the categories a specialist would accept. Fields left
/// out of <see cref="Values"/> are not measured (optional fields only). The training tool stops when a served model
/// answers a case outside its range, the model card lists each case with its estimate, and the app's tests send
/// each one through the API.
/// </summary>
/// <param name="Description">Who the person is, in one sentence.</param>
/// <param name="Values">The values given, in each field's unit.</param>
/// <param name="Lowest">The lowest acceptable category.</param>
/// <param name="Highest">The highest acceptable category.</param>
/// <param name="Reason">Why, in a clinician's words, with the source.</param>
public sealed record ClinicalCase(string Description, IReadOnlyDictionary<string, double> Values, RiskCategory Lowest, RiskCategory Highest, string Reason)
{
    public bool Accepts(RiskCategory category) => category >= Lowest && category <= Highest;
}
