using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Site;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Fhir.CdsHooks;

/// <summary>What a hook call comes to: the cards, or 412 when the record could be neither read from the prefetch nor fetched.</summary>
internal sealed record CdsAnswer(CdsResponse? Response, string? PreconditionFailed);

/// <summary>
/// Answers a hook call: the record from the prefetch, or else from the EHR's FHIR server; then the same assessment as
/// the FHIR operation, as cards.
/// </summary>
internal sealed class CdsHooksService(FhirAssessmentService assessments, FhirServerClient fhirServer, IOptions<SiteOptions> site)
{
    private readonly SiteLinks _links = SiteLinks.AnsweredBy(site.Value.BaseUri);

    public async Task<CdsAnswer> AnswerAsync(DiseaseDefinition disease, CdsRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<(Resource Resource, string? FullUrl)>? resources;
        if (request.PrefetchPatient is { } patient && request.PrefetchObservations is { } observations)
        {
            try
            {
                resources = [(FhirJson.Parse(patient), null), (FhirJson.Parse(observations), null)];
            }
            catch (Exception e) when (e is Hl7.Fhir.Serialization.DeserializationFailedException or JsonException)
            {
                return new CdsAnswer(new CdsResponse([Unreadable(disease)]), null);
            }
        }
        else if (request.FhirServer is not null && request.AccessToken is not null)
        {
            resources = await fhirServer.ReadAsync(disease, request, cancellationToken);
            if (resources is null)
            {
                return new CdsAnswer(null, "The EHR's FHIR server could not be read (refused, redirected, too slow or not FHIR R4).");
            }
        }
        else
        {
            return new CdsAnswer(null, "Neither the prefetch (patient and observations) nor fhirServer with fhirAuthorization was sent.");
        }

        var (record, problem) = RecordReader.FromResources(resources, "prefetch");
        if (problem is not null)
        {
            return new CdsAnswer(new CdsResponse([Unreadable(disease)]), null);
        }

        var assessment = await assessments.AssessAsync(disease, record!, cancellationToken);
        var card = assessment.RiskAssessment is null
            ? CardWriter.CannotScore(disease, assessment, _links)
            : CardWriter.Scored(disease, assessment, _links);
        return new CdsAnswer(new CdsResponse([card]), null);
    }

    private static CdsCard Unreadable(DiseaseDefinition disease) =>
        new(Guid.NewGuid().ToString(), $"{disease.DisplayName} risk: not estimated, the prefetched record is not a FHIR R4 patient record", "info",
            new CdsSource("HealthOracle " + disease.ShortName.ToLowerInvariant() + " model"));
}
