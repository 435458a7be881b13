using HealthOracle.Diseases;
using HealthOracle.Diseases.Definitions;
using HealthOracle.Diseases.Training;
using HealthOracle.Training.Data;

namespace HealthOracle.Training.Tests.Data;

public sealed class TableReaderTests
{
    [Fact]
    public void Read_HeartLayout_QuestionMarksAndMalformedRows_MissingValuesAndRejections()
    {
        var text = string.Join('\n',
            "63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,0.0,6.0,0",
            "53.0,0.0,3.0,128.0,216.0,0.0,2.0,115.0,0.0,0.0,1.0,?,?,2",
            "67.0,1.0,4.0,160.0,286.0,0.0,2.0,108.0,1.0,1.5,2.0,3.0,3.0",
            "67.0,1.0,4.0,abc,286.0,0.0,2.0,108.0,1.0,1.5,2.0,3.0,3.0,1",
            "67.0,1.0,4.0,160.0,286.0,0.0,2.0,108.0,1.0,1.5,2.0,3.0,3.0,9");

        var table = Read(Heart.Definition, text);

        Assert.Equal(2, table.Count);
        Assert.Equal([false, true], table.Labels);
        Assert.True(float.IsNaN(table.Rows[1][11]) && float.IsNaN(table.Rows[1][12]));
        Assert.Equal(145f, table.Rows[0][3]);
        Assert.Equal([3, 4, 5], table.Rejected.Select(r => r.Line));
        Assert.Contains("columns", table.Rejected[0].Reason);
        Assert.Contains("trestbps", table.Rejected[1].Reason);
        Assert.Contains("outcome", table.Rejected[2].Reason);
    }

    [Fact]
    public void Read_DiabetesLayout_ZerosInMeasuredFields_ReadAsMissingButZeroPregnanciesKept()
    {
        var text = string.Join('\n',
            "pregnancies,glucose,blood_pressure,skin_thickness,insulin,bmi,diabetes_pedigree,age,outcome",
            "0,0,0,0,0,0,0.627,50,1",
            "6,148,72,35,94,33.6,0.351,31,0",
            "1,85,66,29,0,26.6,0.351,31",
            "1,85,66,29,0,26.6,0.351,31,yes");

        var table = Read(Diabetes.Definition, text);

        Assert.Equal(2, table.Count);
        var first = table.Rows[0];
        Assert.Equal(0f, first[0]);
        Assert.All(new[] { 1, 2, 3, 4, 5 }, i => Assert.True(float.IsNaN(first[i])));
        Assert.Equal(0.627f, first[6]);
        Assert.Equal([6f, 148, 72, 35, 94, 33.6f, 0.351f, 31], table.Rows[1]);
        Assert.Equal([true, false], table.Labels);
        Assert.Equal([4, 5], table.Rejected.Select(r => r.Line));
    }

    [Fact]
    public void Read_LiverLayout_GenderBlankRatioAndSelector_CodedAndRejected()
    {
        var text = string.Join('\n',
            "65,Female,0.7,0.1,187,16,18,6.8,3.3,0.9,1",
            "45,Male,0.9,0.3,189,23,33,6.6,3.9,,2",
            "45,Other,0.9,0.3,189,23,33,6.6,3.9,1.0,2",
            "45,Male,0.9,0.3,189,23,33,6.6,3.9,1.0,3",
            "",
            "45,Male,0.9,0.3,189,23,33,6.6,3.9,1.0,1,extra");

        var table = Read(Liver.Definition, text);

        Assert.Equal(2, table.Count);
        Assert.Equal(0f, table.Rows[0][1]);
        Assert.Equal(1f, table.Rows[1][1]);
        Assert.True(float.IsNaN(table.Rows[1][9]));
        Assert.Equal([true, false], table.Labels);
        Assert.Equal([3, 4, 6], table.Rejected.Select(r => r.Line));
        Assert.Contains("gender", table.Rejected[0].Reason);
    }

    [Fact]
    public void Read_KidneyArff_AttributesByNameStrayCommasMendedWordsCoded()
    {
        var text = string.Join('\n',
            "% a comment",
            "@relation ckd",
            "@attribute 'age' numeric",
            "@attribute 'bp' numeric",
            "@attribute 'sg' {1.005,1.010,1.015,1.020,1.025}",
            "@attribute 'al' {0,1,2,3,4,5}",
            "@attribute 'su' {0,1,2,3,4,5}",
            "@attribute 'bgr' numeric",
            "@attribute 'bu' numeric",
            "@attribute 'sc' numeric",
            "@attribute 'hemo' numeric",
            "@attribute 'htn' {yes,no}",
            "@attribute 'dm' {yes,no}",
            "@attribute 'class' {ckd,notckd}",
            "@data",
            "48,80,1.020,1,0,121,36,1.2,15.4,yes,yes,ckd",
            "26,70,1.015,0,4,250,20,1.1,15.6,no,yes,ckd,",
            "75,70,1.020,0,0,107,48,0.8,13.6,no,,no,notckd",
            "60,?,?,?,?,?,?,2.0,?,\tno\t,no,ckd",
            "61,80,1.010,2,0,?,50,2.0,9.0,maybe,no,ckd",
            "62,80,1.010,2,0,?,50,2.0,9.0,no,no,unknown");

        var table = Read(Kidney.Definition, text);

        Assert.Equal(4, table.Count);
        Assert.Equal([true, true, false, true], table.Labels);
        // Sex is not in the file: read as missing on every row (the model uses it only for eGFR).
        Assert.Equal([48f, float.NaN, 80, 1.02f, 1, 0, 121, 36, 1.2f, 15.4f, 1, 1], table.Rows[0]);
        Assert.Equal(0f, table.Rows[2][10]);
        Assert.Equal(0f, table.Rows[2][11]);
        Assert.Equal(8, table.Rows[3].Count(float.IsNaN));
        Assert.Equal([20, 21], table.Rejected.Select(r => r.Line));
        Assert.Contains("hypertension", table.Rejected[0].Reason);
        Assert.Contains("outcome", table.Rejected[1].Reason);
    }

    [Fact]
    public void Load_ChangedDataFile_RefusedBySha256()
    {
        var folder = Directory.CreateTempSubdirectory("ho-data-").FullName;
        var original = Path.Combine(TestData.Datasets, TestData.HeartFile.RelativePath);
        var copy = Path.Combine(folder, TestData.HeartFile.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllText(copy, File.ReadAllText(original).Replace("63.0,1.0,1.0,145.0", "63.0,1.0,1.0,146.0"));

        var error = Assert.Throws<InvalidDataException>(() => TrainingSources.Load("heart", folder));

        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void Load_PublishedFiles_RowCountsAndOutcomesAsDocumented()
    {
        var heart = TrainingSources.Load("heart", TestData.Datasets).Table;
        var diabetes = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var liver = TrainingSources.Load("liver", TestData.Datasets).Table;

        Assert.Equal((303, 139, 6), (heart.Count, heart.Positives, heart.MissingValues));
        Assert.Equal((768, 268), (diabetes.Count, diabetes.Positives));
        Assert.Equal((583, 416, 4), (liver.Count, liver.Positives, liver.MissingValues));
        var kidney = TrainingSources.Load("kidney", TestData.Datasets).Table;
        // 400 rows and 250 patients in the file; the adults with a creatinine and an age are the model's population (EligibilityTests).
        Assert.Equal((356, 215), (kidney.Count, kidney.Positives));
    }

    [Fact]
    public void LungGenerate_SameSeed_SameTableAndHash()
    {
        var first = TrainingSources.Lung(rows: 200, seed: 7);
        var second = TrainingSources.Lung(rows: 200, seed: 7);
        var other = TrainingSources.Lung(rows: 200, seed: 8);

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.NotEqual(first.Sha256, other.Sha256);
        Assert.True(first.Synthetic);
        Assert.StartsWith("Synthetic, demonstration only", first.Notice);
    }

    private static PatientTable Read(DiseaseDefinition disease, string text) =>
        TableReader.Read(disease, ((PublicDataSource)disease.Training.Source).Layout, new StringReader(text));
}
