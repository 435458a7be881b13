using System.Globalization;

namespace HealthOracle.Functions.People.Profile;

/// <summary>What a profile may hold (docs/accounts.md says why these three and no more).</summary>
internal static class ProfileRules
{
    public static readonly string[] Sexes = ["female", "male"];

    public static readonly string[] BloodGroups = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];

    /// <summary>The oldest date of birth accepted: no one alive was born before it.</summary>
    public static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    public static Dictionary<string, string[]> Validate(ProfileRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.DateOfBirth is { } date)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
            {
                errors["dateOfBirth"] = ["dateOfBirth must be a date written yyyy-MM-dd."];
            }
            else if (born > today || born < EarliestBirth)
            {
                errors["dateOfBirth"] = [$"dateOfBirth must be from {EarliestBirth:yyyy-MM-dd} to today."];
            }
        }

        if (request.Sex is { } sex && !Sexes.Contains(sex))
        {
            errors["sex"] = ["sex must be \"female\" or \"male\" (or null, not said)."];
        }

        if (request.BloodGroup is { } group && !BloodGroups.Contains(group))
        {
            errors["bloodGroup"] = [$"bloodGroup must be one of {string.Join(", ", BloodGroups)} (or null)."];
        }

        return errors;
    }

    /// <summary>Whole years from <paramref name="dateOfBirth"/> (yyyy-MM-dd) to <paramref name="today"/>.</summary>
    public static int? AgeOn(string? dateOfBirth, DateOnly today)
    {
        if (!DateOnly.TryParseExact(dateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
        {
            return null;
        }

        var age = today.Year - born.Year;
        return born.AddYears(age) > today ? age - 1 : age;
    }
}
