using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Training.Data;

/// <summary>The three public data sets, with their canonical sources and SHA-256 (see the data folder's README).</summary>
internal static class Datasets
{
    public static Dataset Heart { get; } = new(
        DiseaseSchemas.Heart,
        "heart/processed.cleveland.data",
        "a74b7efa387bc9d108d7d0115d831fe9b414b29ae7124f331b622b4efa0427c8",
        new Uri("https://archive.ics.uci.edu/ml/machine-learning-databases/heart-disease/processed.cleveland.data"),
        "UCI Machine Learning Repository, Heart Disease (id 45), Cleveland Clinic Foundation",
        "CC BY 4.0",
        "Janosi, A., Steinbrunn, W., Pfisterer, M., & Detrano, R. (1989). Heart Disease [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C52P4X",
        "Patients referred for coronary angiography at the Cleveland Clinic Foundation (1981–1984), mostly men, aged 29–77.",
        HeartLoader.Load);

    public static Dataset Diabetes { get; } = new(
        DiseaseSchemas.Diabetes,
        "diabetes/pima-indians-diabetes.csv",
        "712ff64dd88ef8c18e038d116c9744aa51652cb9019e59582ebf5e29b11f2928",
        new Uri("https://raw.githubusercontent.com/jbrownlee/Datasets/master/pima-indians-diabetes.data.csv"),
        "National Institute of Diabetes and Digestive and Kidney Diseases; donated by V. Sigillito, Johns Hopkins APL (1990)",
        "Public research data set (as distributed with Weka, GPL-2+)",
        "Smith, J. W., Everhart, J. E., Dickson, W. C., Knowler, W. C., & Johannes, R. S. (1988). Using the ADAP learning algorithm to forecast the onset of diabetes mellitus. Proceedings of the Symposium on Computer Applications in Medical Care, 261–265.",
        "Women of Pima Indian heritage aged 21 or more, near Phoenix, Arizona.",
        DiabetesLoader.Load)
    {
        DownloadHeader = "pregnancies,glucose,blood_pressure,skin_thickness,insulin,bmi,diabetes_pedigree,age,outcome",
    };

    public static Dataset Liver { get; } = new(
        DiseaseSchemas.Liver,
        "liver/indian-liver-patient.csv",
        "23d74e0035f319efff79ed2d71de63d5c771ce7ad748e79b98812b0224d60901",
        new Uri("https://archive.ics.uci.edu/ml/machine-learning-databases/00225/Indian%20Liver%20Patient%20Dataset%20(ILPD).csv"),
        "UCI Machine Learning Repository, ILPD (Indian Liver Patient Dataset, id 225)",
        "CC BY 4.0",
        "Ramana, B. & Venkateswarlu, N. (2012). ILPD (Indian Liver Patient Dataset) [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C5D02C",
        "Patients from the north east of Andhra Pradesh, India (441 men, 142 women, aged 4–90).",
        LiverLoader.Load);

    public static IReadOnlyList<Dataset> All { get; } = [Heart, Diabetes, Liver];

    public static Dataset? Find(string disease) => All.FirstOrDefault(d => d.Disease == disease);
}
