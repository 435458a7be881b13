using System.Reflection;
using HealthOracle.Functions.Fhir;
using HealthOracle.Functions.Fhir.CdsHooks;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// Firely's SDK stays out of the worker until the first FHIR call: only Functions/Fhir names it, and what the worker
/// touches before a FHIR call (the function classes it indexes and activates, the OpenAPI description, the
/// registrations) names no FHIR type.
/// </summary>
public sealed class FhirLoadingTests
{
    [Fact]
    public void OnlyTheFhirFolder_NamesTheFhirLibrary()
    {
        var root = Path.Combine(RepositoryPaths.Root, "Functions");

        var outside = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Fhir{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("Hl7.Fhir", StringComparison.Ordinal));

        Assert.Empty(outside);
    }

    [Theory]
    [InlineData(typeof(RiskAssessmentFunction))]
    [InlineData(typeof(CdsDiscoveryFunction))]
    [InlineData(typeof(CdsServiceFunction))]
    [InlineData(typeof(FhirApi))]
    public void WhatTheWorkerTouchesFirst_NamesNoFhirType(Type type)
    {
        var signatures = type.GetConstructors().SelectMany(c => c.GetParameters().Select(p => p.ParameterType))
            .Concat(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Select(f => f.FieldType));

        var fhir = signatures.Where(t => NamesFhir(t)).Select(t => t.FullName);

        Assert.Empty(fhir);
    }

    private static bool NamesFhir(Type type) =>
        type.Assembly.GetName().Name!.StartsWith("Hl7.Fhir", StringComparison.Ordinal)
        || (type.IsGenericType && type.GetGenericArguments().Any(NamesFhir))
        || type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType.Assembly.GetName().Name!.StartsWith("Hl7.Fhir", StringComparison.Ordinal)));
}
