using System.ComponentModel.DataAnnotations;

namespace DirectPay.Api.Infrastructure;

/// <summary>An amount of money as the database keeps it (numeric(12,2)): above zero, at most two decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MoneyAttribute() : ValidationAttribute("The amount must be above 0, at most 9999999999.99, with at most two decimals.")
{
    public const decimal Max = 9_999_999_999.99m;

    public override bool IsValid(object? value) =>
        value is null || value is decimal d && d > 0 && d <= Max && decimal.Round(d, 2) == d;
}
