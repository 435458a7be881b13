using HealthOracle.Diseases;

namespace HealthOracle.Functions.Predictions;

/// <summary><c>GET /diseases</c>: every disease the service scores, with the links of its operations.</summary>
internal sealed record DiseaseList(IReadOnlyList<DiseaseEntry> Diseases)
{
    /// <summary>From the catalogue; links are paths from the host (<c>/api/…</c>), the same through the gateway.</summary>
    public static DiseaseList FromCatalog() => new([.. DiseaseCatalog.All.Select(d => new DiseaseEntry(
        d.Key, d.DisplayName, d.Summary, d.Synthetic,
        new DiseaseLinks($"/api/predict/{d.Key}", $"/api/predict/{d.Key}", $"/api/predict/{d.Key}/batch", $"/api/predict/{d.Key}/what-if")))]);
}

/// <summary>One disease: its key (the path segment), its name and what the estimate is of, and whether its model learned from synthetic data.</summary>
internal sealed record DiseaseEntry(string Key, string DisplayName, string Summary, bool Synthetic, DiseaseLinks Links);

/// <summary>Where a disease's operations are: its input schema (GET), one patient, a batch and a what-if (POST).</summary>
internal sealed record DiseaseLinks(string Schema, string Predict, string Batch, string WhatIf);
