using System.Text.Json;
using DirectPay.Api.Infrastructure;

namespace DirectPay.Tests.Api;

/// <summary>The API's JSON options read the seed system's midnight date-times and Decimals sent as strings.</summary>
public class WireFormatTests
{
    private sealed record Dated(DateOnly? StartDate, decimal? RentAmount, int? DueDay);

    private static readonly JsonSerializerOptions Options = Configured();

    private static JsonSerializerOptions Configured()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        return options;
    }

    private static Dated Read(string json) => JsonSerializer.Deserialize<Dated>(json, Options)!;

    [Theory]
    [InlineData("2027-03-01")]
    [InlineData("2027-03-01T00:00:00")]
    [InlineData("2027-03-01T00:00:00.000000")]
    public void A_date_or_a_midnight_date_time_reads_as_that_date(string sent) =>
        Assert.Equal(new DateOnly(2027, 3, 1), Read($$"""{"start_date":"{{sent}}"}""").StartDate);

    [Theory]
    [InlineData("2027-03-01T10:30:00", "midnight")]
    [InlineData("2027-03-01T00:00:00.5", "midnight")]
    [InlineData("2027-03-01T00:00:00Z", "date-time at midnight")] // an offset would make the day depend on a zone
    [InlineData("2027-02-30", "date-time at midnight")]
    [InlineData("01/03/2027", "date-time at midnight")]
    public void Any_other_time_or_form_is_refused_naming_the_field(string sent, string said)
    {
        var refused = Assert.Throws<RefusedValueException>(() => Read($$"""{"start_date":"{{sent}}"}"""));
        Assert.Equal("$.start_date", refused.Path);
        Assert.Contains(said, refused.Message);
    }

    [Fact]
    public void A_number_is_not_a_date() =>
        Assert.Equal("$.start_date", Assert.ThrowsAny<JsonException>(() => Read("""{"start_date":20270301}""")).Path);

    [Fact]
    public void A_date_is_written_as_a_date() =>
        Assert.Equal("""{"start_date":"2027-03-01","rent_amount":2500.00,"due_day":1}""",
            JsonSerializer.Serialize(new Dated(new DateOnly(2027, 3, 1), 2500.00m, 1), Options));

    [Theory]
    [InlineData("\"2500.00\"")]
    [InlineData("2500.00")]
    public void Money_reads_from_a_number_or_a_string(string sent) =>
        Assert.Equal(2500.00m, Read($$"""{"rent_amount":{{sent}}}""").RentAmount);

    [Theory]
    [InlineData("""{"rent_amount":"2,500.00"}""")]
    [InlineData("""{"rent_amount":"twelve"}""")]
    [InlineData("""{"due_day":"1"}""")] // only decimals: an int stays a number
    public void Anything_else_is_still_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => Read(json));
}
