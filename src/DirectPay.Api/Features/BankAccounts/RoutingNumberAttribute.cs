using System.ComponentModel.DataAnnotations;

namespace DirectPay.Api.Features.BankAccounts;

/// <summary>A US ABA routing number: nine digits whose weighted sum (3, 7, 1, …) is a multiple of ten.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RoutingNumberAttribute() : ValidationAttribute("The routing number must be 9 digits with a valid ABA checksum.")
{
    private static readonly int[] Weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];

    public override bool IsValid(object? value) =>
        value is null || value is string s && s.Length == 9 && s.All(char.IsAsciiDigit)
            && s.Select((c, i) => (c - '0') * Weights[i]).Sum() % 10 == 0;
}
