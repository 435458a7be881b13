using HealthOracle.Functions.People;
using HealthOracle.Functions.People.Profile;
using HealthOracle.Functions.People.Storage;

namespace HealthOracle.Functions.Tests.People;

public sealed class ProfileAndIdsTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("1961-11-27", 65)]
    [InlineData("1961-11-28", 64)]
    [InlineData("2000-02-29", 26)]
    [InlineData("2026-11-27", 0)]
    public void AgeOn_CountsWholeYears(string born, int age) => Assert.Equal(age, ProfileRules.AgeOn(born, Today));

    [Fact]
    public void Validate_AcceptsTheKnownValuesAndNulls()
    {
        Assert.Empty(ProfileRules.Validate(new ProfileRequest("1961-03-15", "male", "AB-"), Today));
        Assert.Empty(ProfileRules.Validate(new ProfileRequest(null, null, null), Today));
    }

    [Theory]
    [InlineData("1961-3-15", null, null, "dateOfBirth")]
    [InlineData("2026-11-28", null, null, "dateOfBirth")]
    [InlineData("1899-12-31", null, null, "dateOfBirth")]
    [InlineData(null, "Male", null, "sex")]
    [InlineData(null, null, "0+", "bloodGroup")]
    public void Validate_NamesTheField(string? dob, string? sex, string? group, string field) =>
        Assert.Equal([field], ProfileRules.Validate(new ProfileRequest(dob, sex, group), Today).Keys);

    [Fact]
    public void NewId_SortsNewestFirst_AndIsAlwaysAnId()
    {
        var older = PeopleStore.NewId(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var newer = PeopleStore.NewId(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 1, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(newer, older) < 0);
        Assert.True(PeopleStore.IsId(older));
        Assert.False(PeopleStore.IsId(older.ToUpperInvariant() + "X"));
        Assert.False(PeopleStore.IsId("p|" + older[2..]));
        Assert.False(PeopleStore.IsId(older[..26] + "G"));
        Assert.False(PeopleStore.IsId(null));
    }

    [Fact]
    public void EndOf_IsTheFirstKeyAfterThePrefix()
    {
        Assert.Equal("p}", RowKeys.EndOf(RowKeys.PredictionPrefix));
        Assert.True(string.CompareOrdinal(RowKeys.Suggestion("1", "14"), RowKeys.EndOf(RowKeys.SuggestionsOf("1"))) < 0);
        Assert.True(string.CompareOrdinal(RowKeys.Suggestion("10", "00"), RowKeys.SuggestionsOf("1")) < 0);
    }
}
