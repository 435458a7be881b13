using HealthOracle.Diseases.Fields;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Diseases;

/// <summary>
/// Everything the service knows about one disease: its route key and name, the fields a client posts
/// (in the model's input order), the rules across fields, advice per category, the population its model
/// learned from, and how that model is trained. The app validates and publishes from it, the training
/// tool builds models whose inputs match it, and the tests check both against it.
/// </summary>
/// <param name="Key">The route key, e.g. <c>heart</c> in <c>/api/predict/heart</c>; also the model's folder.</param>
/// <param name="DisplayName">The disease as people read it.</param>
/// <param name="Summary">What the estimate is of, in one sentence.</param>
/// <param name="Fields">The inputs, in the model's input order (at most 64).</param>
/// <param name="Advice">What to do next, per category: plain language, never a diagnosis.</param>
/// <param name="Population">Who the model learned from, and what the percentage is relative to.</param>
/// <param name="Training">Where the data comes from and how the model is chosen.</param>
public sealed record DiseaseDefinition(
    string Key,
    string DisplayName,
    string Summary,
    IReadOnlyList<FieldDefinition> Fields,
    CategoryAdvice Advice,
    Population Population,
    TrainingPlan Training)
{
    /// <summary>The most fields a disease may have (a request reader tracks them in one 64-bit mask).</summary>
    public const int MaxFields = 64;

    /// <summary>Rules across fields, checked when every field is valid on its own.</summary>
    public IReadOnlyList<CrossFieldRule> Rules { get; init; } = [];

    /// <summary>The disease in a word or two, for navigation and buttons ("Heart"); the display name when not set.</summary>
    public string ShortName { get => field ?? DisplayName; init; }

    /// <summary>Values in range but unusual together (a slipped decimal point, another unit): shown, never refused.</summary>
    public IReadOnlyList<PlausibilityCheck> Plausibility { get; init; } = [];

    /// <summary>
    /// The condition the model estimates, in SNOMED CT: a FHIR RiskAssessment's <c>prediction.outcome</c>
    /// (Functions/Fhir). Required of every disease (Diseases.Tests/FhirFormTests).
    /// </summary>
    public Fields.FhirCode? Outcome { get; init; }

    /// <summary>What a person needs before the form can be filled in (tests, examinations), or null.</summary>
    public string? Requires { get; init; }

    /// <summary>
    /// What every answer from this disease's model must carry (a synthetic model; a sample that makes the
    /// figures look better than they will be in practice), or null. Training writes it into the manifest.
    /// </summary>
    public string? Notice { get; init; }

    /// <summary>A textbook-healthy person (every value in its reference range), whom no model may call Moderate or High.</summary>
    public HealthyExample? Healthy { get; init; }

    /// <summary>Patients whose category a clinician can tell in advance (at least one textbook-sick person, who must be High).</summary>
    public IReadOnlyList<ClinicalCase> Cases { get; init; } = [];

    /// <summary>
    /// A typical patient of the population the model learned from, every field given, in the fields' units: the one
    /// example the API reference, the .http file and the tests' valid patients are made from.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Example { get; init; }

    /// <summary>True when the model learned from synthetic data, not from patients.</summary>
    public bool Synthetic => Training.Source is SyntheticSource;

    /// <summary>The fields' names in the model's input order.</summary>
    public IEnumerable<string> InputNames => Fields.Select(f => f.Name);

    /// <summary>The field of that wire name (snake_case), or null.</summary>
    public FieldDefinition? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The index of the field of that name; throws for a name that is not a field.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, $"{Key} has no field of that name.");
    }
}

/// <summary>Advice for each risk category, in the order it is shown.</summary>
public sealed record CategoryAdvice(IReadOnlyList<string> Low, IReadOnlyList<string> Moderate, IReadOnlyList<string> High)
{
    public IReadOnlyList<string> For(RiskCategory category) => category switch
    {
        RiskCategory.Low => Low,
        RiskCategory.Moderate => Moderate,
        _ => High,
    };
}

/// <summary>
/// Who a model learned from, and what its percentage is relative to: how common the disease is among the
/// people the estimate is meant for (with its source), so that every answer can say so.
/// </summary>
/// <param name="Description">The people in the training data, in one sentence.</param>
/// <param name="Prevalence">How common the disease is in the population the percentage refers to (0–1), or null when no honest figure exists.</param>
/// <param name="PrevalenceSource">Where <paramref name="Prevalence"/> comes from.</param>
public sealed record Population(string Description, double? Prevalence = null, string? PrevalenceSource = null)
{
    /// <summary>
    /// True when the training sample's share of people with the disease is an artefact of how it was collected
    /// (a case-control or hospital sample), so the training tool shifts the model's intercept from the sample's
    /// prevalence to <see cref="Prevalence"/> (a prior-shift correction): the percentage then refers to that
    /// population, not to the sample. False when the sample's own prevalence is that of a real population.
    /// </summary>
    public bool CorrectToPrevalence { get; init; }

    /// <summary>What the percentage is relative to, in one plain sentence that every answer and the site show.</summary>
    public string RelativeTo { get; init; } = "";

    /// <summary>What the percentage is relative to in a few words, for a line of 140 characters (a CDS Hooks card's summary): "angiography referrals".</summary>
    public string Brief { get; init; } = "";

    /// <summary>
    /// Over what time the estimate holds, in one sentence for the model card (TRIPOD+AI items 8a and 15): a diagnostic
    /// model estimates a condition present now and says there is no time frame.
    /// </summary>
    public string TimeFrame { get; init; } = "";
}

/// <summary>
/// A textbook-healthy person for this disease's form: every value inside its usual reference range. No
/// served model may tell this person Moderate or High; the training tool and the tests check it.
/// </summary>
/// <param name="Description">Who the person is, in one sentence.</param>
/// <param name="Values">Every field's value, in the field's unit.</param>
/// <param name="Source">Where the normal values come from.</param>
public sealed record HealthyExample(string Description, IReadOnlyDictionary<string, double> Values, string Source);
