using HealthOracle.Diseases.Definitions;
using HealthOracle.Diseases.Training;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Training.Tests;

/// <summary>Where the public data sets are: HEALTHORACLE_DATASETS, else ../shared/datasets beside the repository.</summary>
internal static class TestData
{
    public static string Datasets => RepositoryPaths.Datasets;

    public static PublicDataSource HeartFile => (PublicDataSource)Heart.Definition.Training.Source;

    public static PublicDataSource DiabetesFile => (PublicDataSource)Diabetes.Definition.Training.Source;

    public static PublicDataSource KidneyFile => (PublicDataSource)Kidney.Definition.Training.Source;

    public static string TempFolder(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;
}
