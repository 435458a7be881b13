namespace HealthOracle.Diseases.Fields;

/// <summary>
/// The estimated glomerular filtration rate from serum creatinine, age and sex: the CKD-EPI 2021 creatinine
/// equation, refitted without race (Inker et al., New Equations to Estimate GFR without Race, N Engl J Med
/// 2021;385:1737–1749; the equation KDIGO and the NKF–ASN task force recommend):
/// eGFR = 142 · min(Scr/κ, 1)^α · max(Scr/κ, 1)^−1.200 · 0.9938^age · 1.012 [if female], in ml/min/1.73 m²,
/// with κ = 0.7 and α = −0.241 for women, κ = 0.9 and α = −0.302 for men, Scr in mg/dl, age in years (adults).
/// </summary>
/// <remarks>
/// Written in logarithms (ln eGFR is what the kidney model takes, and the ONNX graph computes the same sum). When
/// sex is not known the result is the mean of a woman's and a man's ln eGFR (the geometric mean of the two eGFRs):
/// the training data record no sex, so this is also how every training row's eGFR is computed.
/// </remarks>
public static class Egfr
{
    public const string Unit = "ml/min/1.73 m²";

    public const string Citation = "CKD-EPI 2021 creatinine equation without race (Inker et al., N Engl J Med 2021;385:1737–1749)";

    /// <summary>The sex code of a man (the <c>sex</c> fields' coding: 0 female, 1 male).</summary>
    public const double Male = 1;

    public static readonly double LnBase = Math.Log(142);
    public static readonly double LnAgeFactor = Math.Log(0.9938);
    public static readonly double LnFemaleFactor = Math.Log(1.012);
    public const double HighSlope = -1.200;

    /// <summary>κ, α and the ln of the sex factor for a woman and for a man.</summary>
    public static readonly (double Kappa, double Alpha, double LnSexFactor) Female = (0.7, -0.241, Math.Log(1.012)), MaleConstants = (0.9, -0.302, 0);

    /// <summary>eGFR in ml/min/1.73 m²; <paramref name="sex"/> 0 female, 1 male, NaN not known.</summary>
    public static double CkdEpi2021(double creatinineMgDl, double age, double sex) => Math.Exp(LnCkdEpi2021(creatinineMgDl, age, sex));

    /// <summary>ln eGFR; NaN when creatinine or age is missing.</summary>
    public static double LnCkdEpi2021(double creatinineMgDl, double age, double sex)
    {
        var male = Ln(creatinineMgDl, age, MaleConstants);
        var female = Ln(creatinineMgDl, age, Female);
        return double.IsNaN(sex) ? (male + female) / 2 : sex == Male ? male : female;
    }

    private static double Ln(double creatinine, double age, (double Kappa, double Alpha, double LnSexFactor) sex)
    {
        var ratio = Math.Log(creatinine) - Math.Log(sex.Kappa);
        return LnBase + (sex.Alpha * Math.Min(ratio, 0)) + (HighSlope * Math.Max(ratio, 0)) + (LnAgeFactor * age) + sex.LnSexFactor;
    }
}
