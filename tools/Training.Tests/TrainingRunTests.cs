using System.Text.Json;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using HealthOracle.Training.Reporting;

namespace HealthOracle.Training.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class TrainingRunTests(TrainedModelsFixture fixture)
{
    [Fact]
    public void Train_SameDataAndSeed_EveryFileAndTheManifestEntryByteForByte()
    {
        var folder = TestData.TempFolder("ho-rerun-");
        // Another thread count: the bootstrap's replicates finish in another order, and must not change a byte.
        var run = new TrainingRun(TrainedModelsFixture.QuickOptions(folder) with { Threads = 1 }, Progress.Silent);

        var again = run.Train("heart", TrainingSources.Load("heart", TestData.Datasets));

        var first = fixture.Models["heart"];
        Assert.Equal(first.Probabilities, again.Probabilities);
        Assert.Equal(
            JsonSerializer.Serialize(first.Entry, ModelManifestJsonContext.Default.ModelEntry),
            JsonSerializer.Serialize(again.Entry, ModelManifestJsonContext.Default.ModelEntry));
        var files = Directory.GetFiles(Path.Combine(fixture.Folder, "heart", "2026.11.26")).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(["calibration.png", "card.md", "decision.png", "metrics.json", "model.onnx", "roc.png"], files);
        Assert.All(files, file => Assert.True(
            File.ReadAllBytes(Path.Combine(fixture.Folder, "heart", "2026.11.26", file)).SequenceEqual(File.ReadAllBytes(Path.Combine(folder, "heart", "2026.11.26", file))),
            $"{file} differs between two runs"));
    }

    [Fact]
    public void Train_Heart_CardHasTheTripodAiSections()
    {
        var card = File.ReadAllText(Path.Combine(fixture.Folder, "heart", "2026.11.26", "card.md"));

        string[] sections =
        [
            "## Intended use", "## What the percentage means", "## Time frame", "## Data", "## Predictors and missing data", "## Model", "## Performance",
            "## Subgroups", "## Clinical usefulness: decision curve", "## The 95% interval of each estimate", "## Clinical cases", "## Limits",
        ];
        Assert.Equal(sections, sections.Where(card.Contains));
        Assert.True(sections.Select(h => card.IndexOf(h, StringComparison.Ordinal)).Zip(sections.Skip(1).Select(h => card.IndexOf(h, StringComparison.Ordinal))).All(p => p.First < p.Second), "sections out of order");
        Assert.Matches(@"\| ROC AUC \| 0\.\d{3} \| 0\.\d{3}–0\.\d{3} \|", card);
        Assert.Matches(@"\| sex: Male \| \d+ \| \d+ \| 0\.\d{3} \[", card);
        Assert.Contains("| 30% |", card);
        Assert.Contains("![Decision curve: net benefit against threshold probability, 5–60%](decision.png)", card);
        Assert.Matches(@"\*\*Measured coverage: \d+\.\d%\*\* of [\d,]+ estimates by 8 fresh bootstrap replicates", card);
        Assert.Contains(Diseases.Definitions.Heart.Definition.Population.TimeFrame, card);
        Assert.Contains(Diseases.Definitions.Heart.Definition.Cases[0].Description, card);
    }

    [Fact]
    public void Train_Kidney_BuiltAroundEgfrTheIssuesPatientsLowAndTheSickPatientHigh()
    {
        var folder = TestData.TempFolder("ho-kidney-");
        var run = new TrainingRun(TrainedModelsFixture.QuickOptions(folder) with { Candidates = [Candidates.MonotoneLogLogisticRegression([0.01f, 1f]), Candidates.LogisticRegression(1)] }, Progress.Silent);

        var kidney = run.Train("kidney", TrainingSources.Load("kidney", TestData.Datasets));

        var cases = Diseases.Definitions.Kidney.Definition.Cases;
        Assert.Equal(cases.Count, kidney.Report.Cases!.Count);
        Assert.All(cases.Zip(kidney.Report.Cases), pair => Assert.True(pair.First.Accepts(TrainingRun.Category(pair.Second)), $"{pair.First.Description}: {pair.Second:0.0%}"));
        Assert.True(kidney.Report.Cases[0] < 0.30 && kidney.Report.Cases[1] < 0.30, "both patients of issue 31 are Low");
        Assert.Equal([["serum_creatinine", "age", "sex"]], kidney.Entry.Explanation!.Interactions);
        Assert.DoesNotContain("hypertension", kidney.Entry.Interval!.Terms);
        Assert.Contains("albumin", kidney.Entry.Interval.Missing);
        var card = File.ReadAllText(Path.Combine(folder, "kidney", "2026.11.26", "card.md"));
        Assert.Contains("enters as ln eGFR (ml/min/1.73 m²) from `serum_creatinine`, `age`, `sex`", card);
        Assert.Contains("18 rows left out for age under 18 years", card);
        Assert.Contains("| sex: either | 356 | 215 | the training data do not record sex", card);
    }

    [Fact]
    public void Train_Lung_SyntheticNoticeInManifestAndCard()
    {
        var entry = ManifestStore.Read(fixture.Folder).Models["lung"];

        var card = File.ReadAllText(Path.Combine(fixture.Folder, "lung", "2026.11.26", "card.md"));

        Assert.True(entry.Synthetic);
        Assert.StartsWith("Synthetic, demonstration only", entry.Notice);
        Assert.Contains("Synthetic, demonstration only", card);
        Assert.Contains(LungSynthesizer.Formula, card);
    }

    [Fact]
    public void Train_Heart_ManifestEntryDescribesModelDataAndMetrics()
    {
        var entry = ManifestStore.Read(fixture.Folder).Models["heart"];

        var onnx = File.ReadAllBytes(Path.Combine(fixture.Folder, entry.BlobPath));

        Assert.Equal("heart/2026.11.26/model.onnx", entry.BlobPath);
        Assert.Equal(TrainingSources.Sha256Hex(onnx), entry.Sha256);
        Assert.Equal(onnx.Length, entry.Size);
        Assert.Equal(TestData.HeartFile.Sha256, entry.TrainingData.Sha256);
        Assert.Equal(303, entry.TrainingData.Rows);
        Assert.Equal(TrainedModelsFixture.Created, entry.CreatedUtc);
        Assert.InRange(entry.Metrics.RocAuc, 0.85, 0.95);
        Assert.All(new[] { "card.md", "metrics.json", "roc.png", "calibration.png" },
            f => Assert.True(new FileInfo(Path.Combine(fixture.Folder, "heart", "2026.11.26", f)).Length > 100));
    }

    [Fact]
    public void Train_LiverWithTheLogCandidate_ManifestCardAndMetricsNameTheLogTransformedInputs()
    {
        var folder = TestData.TempFolder("ho-liver-");
        var options = TrainedModelsFixture.QuickOptions(folder) with
        {
            // A one-split stump as the other candidate, so that the log regression is the one chosen.
            Candidates = [Candidates.MonotoneLogLogisticRegression([0.1f, 1f]), Candidates.FastTree(trees: 1, leaves: 2, learningRate: 0.01, minLeaf: 100)],
        };
        var run = new TrainingRun(options, Progress.Silent);

        var liver = run.Train("liver", TrainingSources.Load("liver", TestData.Datasets));

        string[] logged = ["total_bilirubin", "direct_bilirubin", "alkaline_phosphotase", "alamine_aminotransferase", "aspartate_aminotransferase"];
        var card = File.ReadAllText(Path.Combine(folder, "liver", "2026.11.26", "card.md"));
        Assert.Equal("logistic-log-monotone", liver.Report.Chosen.Name);
        Assert.Equal(logged, liver.Report.LogTransformedInputs);
        Assert.Contains($"ln(x + 1) of {string.Join(", ", logged)}, inside the graph", liver.Entry.Algorithm);
        Assert.Contains($"ln(x + 1) of {string.Join(", ", logged.Select(f => $"`{f}`"))}", card);
        Assert.Contains("the published model (setting chosen by 10-fold cross-validation on all rows): L2 = ", liver.Report.Chosen.HyperParameters);
        Assert.True(liver.Report.OnnxParityMaxDifference <= 1e-5);
    }

    [Fact]
    public void Train_Liver_CorrectedToThePopulationsPrevalenceWithBeforeAndAfterInTheCard()
    {
        var folder = TestData.TempFolder("ho-liver-shift-");
        var run = new TrainingRun(TrainedModelsFixture.QuickOptions(folder), Progress.Silent);

        var liver = run.Train("liver", TrainingSources.Load("liver", TestData.Datasets));

        var population = liver.Entry.Population!;
        Assert.Equal(416.0 / 583, population.SamplePrevalence, 1e-12);
        Assert.Equal(0.20, population.Prevalence);
        Assert.Equal(PriorShift.LogOdds(0.20) - PriorShift.LogOdds(416.0 / 583), population.PriorShift, 1e-12);
        // The shift moves every prediction's log-odds by the same amount: the mean predicted probability falls towards 20%.
        Assert.InRange(liver.Probabilities.Average(), 0.15, 0.45);
        Assert.True(liver.Report.HealthyProbability < 0.30);
        var card = File.ReadAllText(Path.Combine(folder, "liver", "2026.11.26", "card.md"));
        Assert.Contains("## What the percentage means", card);
        Assert.Contains("Prior-shift correction of the intercept", card);
        Assert.Contains("## Before and after", card);
        Assert.Contains("| Textbook-healthy person: A 35-year-old woman with a normal liver panel. |", card);
        Assert.Contains("## Directions", card);
        Assert.Contains("## Reference patient", card);
    }

    [Fact]
    public void Train_Heart_ManifestCarriesTheReferencePatientTheLogOddsOutputAndTheSamplesPopulation()
    {
        var entry = ManifestStore.Read(fixture.Folder).Models["heart"];

        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Path.Combine(fixture.Folder, entry.BlobPath));

        var explanation = entry.Explanation!;
        Assert.Equal(entry.Inputs.Count, explanation.Reference.Count);
        Assert.Equal(56, explanation.Reference[0]);
        Assert.Equal(HealthOracle.Training.Onnx.OnnxLogOdds.Output, explanation.LogOddsOutput);
        Assert.Contains(explanation.LogOddsOutput!, session.OutputNames);
        Assert.True(explanation.Additive);
        Assert.Equal(0, entry.Population!.PriorShift);
        Assert.Equal(139.0 / 303, entry.Population.SamplePrevalence, 1e-12);
    }

    [Fact]
    public void Train_OnlyCandidatesThatIgnoreTheDirectionTable_Refused()
    {
        var folder = TestData.TempFolder("ho-refused-");
        var options = TrainedModelsFixture.QuickOptions(folder) with { Candidates = [Candidates.LogisticRegression(1), Candidates.FastTree(20, 4, 0.1, 5)] };

        var error = Assert.Throws<InvalidDataException>(() => new TrainingRun(options, Progress.Silent).Train("heart", TrainingSources.Load("heart", TestData.Datasets)));

        Assert.Contains("no candidate follows the direction table", error.Message);
    }

    [Fact]
    public void Update_TrainedModels_ManifestReadableAndReadByTheAppsContract()
    {
        var path = ManifestStore.PathIn(fixture.Folder);

        var text = File.ReadAllText(path);
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), ModelManifestJsonContext.Default.ModelManifest)!;

        Assert.Contains("GPL-2+", text);
        Assert.DoesNotContain("\\u002B", text);
        Assert.EndsWith("GPL-2+)", manifest.Models["diabetes"].TrainingData.Licence);
        Assert.Equal(fixture.Models["diabetes"].Entry.Sha256, manifest.Models["diabetes"].Sha256);
    }
}
