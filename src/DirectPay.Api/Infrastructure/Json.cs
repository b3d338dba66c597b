using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DirectPay.Api.Infrastructure;

internal static class Json
{
    /// <summary>The seed's wire format: snake_case names and enum values; unknown fields are refused, not ignored.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new TextWithoutNulConverter());
        options.Converters.Add(new MidnightDateConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(DecimalsFromStrings);
    }

    /// <summary>Seed clients send Python's Decimal as a string ("2500.00"), so a decimal is read from either.</summary>
    private static void DecimalsFromStrings(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if ((Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) == typeof(decimal))
                property.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        }
    }

    public static WebApplicationBuilder AddDirectPayJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        return builder;
    }
}

/// <summary>PostgreSQL text cannot hold U+0000: refuse it while reading, as a bad value of its field, not a 500 at insert.</summary>
internal sealed class TextWithoutNulConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0') ? throw new JsonException("Text may not contain U+0000.") : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
