using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DirectPay.Data;

/// <summary>Stores an enum as the same snake_case text the API speaks ("same_day_ach"), so SQL reads like the wire.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => SnakeCaseEnum<TEnum>.ToText[value],
    text => SnakeCaseEnum<TEnum>.FromText[text])
    where TEnum : struct, Enum;

public static class SnakeCaseEnum<TEnum> where TEnum : struct, Enum
{
    public static readonly IReadOnlyDictionary<TEnum, string> ToText =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    public static readonly IReadOnlyDictionary<string, TEnum> FromText =
        ToText.ToDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>A CHECK constraint that keeps the column to the enum's values.</summary>
    public static void Constrain<TEntity>(EntityTypeBuilder<TEntity> entity, string table, string column) where TEntity : class =>
        entity.ToTable(t => t.HasCheckConstraint($"ck_{table}_{column}",
            $"{column} IN ({string.Join(", ", ToText.Values.Select(v => $"'{v}'"))})"));
}
