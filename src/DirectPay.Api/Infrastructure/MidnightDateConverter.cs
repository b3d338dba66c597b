using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DirectPay.Api.Infrastructure;

/// <summary>
/// Reads a date ("2027-03-01"), or a date-time at midnight without an offset ("2027-03-01T00:00:00"), which is how
/// the seed system's clients send a Python datetime; another time of day is refused rather than cut off.
/// </summary>
internal sealed class MidnightDateConverter : JsonConverter<DateOnly>
{
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var invariant = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(text, DateFormat, invariant, DateTimeStyles.None, out var date)) return date;
        if (!DateTime.TryParseExact(text, DateTimeFormats, invariant, DateTimeStyles.None, out var dateTime))
            throw new RefusedValueException("Expected a date (2027-03-01) or a date-time at midnight (…T00:00:00).");
        if (dateTime.TimeOfDay != TimeSpan.Zero)
            throw new RefusedValueException("A date-time here must be at midnight (T00:00:00): it is a whole day.");
        return DateOnly.FromDateTime(dateTime);
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(DateFormat, CultureInfo.InvariantCulture));
}

/// <summary>A value one of DirectPay's converters refused, with a message written for the client.</summary>
internal sealed class RefusedValueException(string message) : JsonException(message);
