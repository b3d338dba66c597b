namespace DirectPay.Domain;

/// <summary>Money is decimal with two places, as numeric(12,2) keeps it: 1850.5 is held as 1850.50 from the start.</summary>
public static class Money
{
    public static decimal Normalize(decimal amount) => decimal.Round(amount, 2) + 0.00m; // adding 0.00m sets the scale to 2
}
