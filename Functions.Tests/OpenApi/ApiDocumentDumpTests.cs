namespace HealthOracle.Functions.Tests.OpenApi;

public sealed class ApiDocumentDumpTests
{
    [Fact]
    public void Dump() => File.WriteAllBytes("/tmp/openapi.json", TestApiDocument.Current.Utf8);
}
