using System.Text.Json;
using System.Text.Json.Serialization;

namespace DirectPay.Api.Infrastructure;

internal static class Json
{
    /// <summary>The seed's wire format: snake_case names and enum values; unknown fields are refused, not ignored.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    public static WebApplicationBuilder AddDirectPayJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        return builder;
    }
}
