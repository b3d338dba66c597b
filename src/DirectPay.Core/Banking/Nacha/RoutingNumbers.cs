namespace DirectPay.Banking.Nacha;

/// <summary>ABA routing numbers: eight digits and a check digit weighted 3, 7, 1.</summary>
public static class RoutingNumbers
{
    private static readonly int[] Weights = [3, 7, 1, 3, 7, 1, 3, 7];

    public static int CheckDigitOf(ReadOnlySpan<char> firstEight)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (firstEight[i] - '0') * Weights[i];
        return (10 - sum % 10) % 10;
    }

    public static bool IsValid(ReadOnlySpan<char> routing) =>
        routing.Length == 9 && !routing.ContainsAnyExceptInRange('0', '9') && CheckDigitOf(routing[..8]) == routing[8] - '0';
}
