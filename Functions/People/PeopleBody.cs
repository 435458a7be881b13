using HealthOracle.Functions.Infrastructure.Bodies;

namespace HealthOracle.Functions.People;

/// <summary>What a signed-in route's small JSON body may be, for the one pipeline (<see cref="RequestBodyReader"/>).</summary>
internal static class PeopleBody
{
    public const int MaxBytes = 4 * 1024;

    public static BodyRules Rules { get; } = new(MaxBytes, 0, "Send the body as JSON.", PeopleProblems.InvalidType);
}
