using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Fhir;

/// <summary>
/// <c>POST /api/fhir/{disease}/$assess</c>: a Bundle or Parameters in, a Parameters out with the RiskAssessment
/// (<c>return</c>) and the OperationOutcome that goes with it (<c>outcome</c>: inputs not found, passed over, or
/// "every input was found"). When the model cannot score (a required input missing or out of range) the answer is
/// 400 with the OperationOutcome alone. Every error is an OperationOutcome.
/// </summary>
internal sealed partial class FhirEndpoint(FhirAssessmentService assessments, DomainProblems problems, ILogger<FhirEndpoint> logger)
{
    /// <summary>A record for one patient: a Patient and the Observations of the codes the disease reads, not a whole chart.</summary>
    public static readonly BodyRules Rules = new(2 * 1024 * 1024, 0,
        "Send a FHIR R4 Bundle (or Parameters) with the Patient and their Observations as application/fhir+json.", ProblemTypes.InvalidRecord);

    public async Task<IResult> AssessAsync(string key, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!DiseaseCatalog.TryGet(key, out var disease))
        {
            return FhirResult.Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, "No such disease. Use one of: " + string.Join(", ", DiseaseCatalog.All.Select(d => d.Key)) + ".");
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(request, Rules, cancellationToken);
        if (problem is not null)
        {
            return FhirResult.From(problem);
        }

        Resource resource;
        using (body)
        {
            try
            {
                resource = FhirJson.Parse(body!.Json);
            }
            catch (Exception e) when (e is DeserializationFailedException or JsonException)
            {
                // The parser's messages name elements and positions, not values.
                Log.Unparsable(logger, key);
                return FhirResult.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "The body is not a FHIR R4 resource: " + Shorten(e.Message));
            }
        }

        var (record, recordProblem) = RecordReader.Read(resource);
        if (recordProblem is not null)
        {
            return FhirResult.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required, recordProblem.Message);
        }

        try
        {
            var assessment = await assessments.AssessAsync(disease, record!, cancellationToken);
            Log.Assessed(logger, key, assessment.RiskAssessment is not null, assessment.Inputs.Issues.Count);
            return assessment.RiskAssessment is null
                ? new FhirResult(StatusCodes.Status400BadRequest, assessment.Outcome)
                : new FhirResult(StatusCodes.Status200OK, Answer(assessment));
        }
        catch (Exception e) when (problems.TryMap(e, out var mapped))
        {
            return FhirResult.From(mapped);
        }
    }

    public static Parameters Answer(FhirAssessment assessment) => new()
    {
        Parameter =
        [
            new Parameters.ParameterComponent { Name = "return", Resource = assessment.RiskAssessment },
            new Parameters.ParameterComponent { Name = "outcome", Resource = assessment.Outcome },
        ],
    };

    private static string Shorten(string message) => message.Length <= 400 ? message : message[..400] + "…";

    private static partial class Log
    {
        [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "FHIR {Disease} record refused: not a FHIR R4 resource")]
        public static partial void Unparsable(ILogger logger, string disease);

        [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "FHIR {Disease} record assessed: scored {Scored}, {Issues} issue(s)")]
        public static partial void Assessed(ILogger logger, string disease, bool scored, int issues);
    }
}
