namespace HealthOracle.Functions.Predictions;

/// <summary>What every answer says about itself, whatever the disease.</summary>
internal static class Disclaimers
{
    public const string NotADiagnosis =
        "This is a statistical estimate from a model, not a diagnosis. It cannot replace an examination by a doctor " +
        "or other qualified health professional. If you have symptoms or worries, talk to one; in an emergency call your local emergency number.";

    /// <summary>The notice of a model that learned from synthetic data and whose definition gives none of its own.</summary>
    public const string Synthetic =
        "Demonstration only: this model was trained on synthetic data, not on patients. Do not use it for any health decision.";

    /// <summary>What a reader must know before reading the disease's estimates (its definition's notice; a synthetic model's at least), or null.</summary>
    public static string? NoticeOf(HealthOracle.Diseases.DiseaseDefinition disease) => disease.Notice ?? (disease.Synthetic ? Synthetic : null);
}
