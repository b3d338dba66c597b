namespace DirectPay.Domain;

public enum AuthorizationKind { Single, Recurring }

/// <summary>
/// What a renter agreed to when paying, or when turning autopay on: the exact text, its version, when, from which
/// address and with which user agent. Nacha requires it for WEB debits, and it is what contests an unauthorized-debit
/// return (R10). Kept as agreed: never changed, only revoked (autopay turned off or changed).
/// </summary>
public sealed class DebitAuthorization
{
    // Amounts are written with the invariant culture (the services run with invariant globalization): 1234.56.

    /// <summary>The version of the texts below; a new wording is a new version, and each record keeps its own text.</summary>
    public const string TextVersion = "2026-12-03";
    public const int MaxUserAgentLength = 512;

    private DebitAuthorization() { }

    private DebitAuthorization(Guid renterId, Guid leaseId, AuthorizationKind kind, Guid? bankAccountId, string text, DateTimeOffset now,
        string? ipAddress, string? userAgent)
    {
        Id = Guid.CreateVersion7();
        RenterId = renterId;
        LeaseId = leaseId;
        Kind = kind;
        BankAccountId = bankAccountId;
        Text = text;
        Version = TextVersion;
        AgreedAt = now;
        IpAddress = ipAddress;
        UserAgent = userAgent is { Length: > MaxUserAgentLength } ? userAgent[..MaxUserAgentLength] : userAgent;
    }

    /// <summary>One payment, as the renter asked for it.</summary>
    public static DebitAuthorization ForPayment(Guid renterId, Guid leaseId, BankAccount account, decimal amount, PaymentRail rail,
        DateTimeOffset now, string? ipAddress, string? userAgent) =>
        new(renterId, leaseId, AuthorizationKind.Single, account.Id,
            $"I authorize DirectPay to debit my {Describe(account)} once for {amount:0.00} USD of rent under lease {leaseId}, " +
            $"by {RailName(rail)}, on or after today. If the debit is returned, DirectPay may present it again up to two times. " +
            "I can revoke this authorization until the payment is processed by contacting DirectPay.", now, ipAddress, userAgent);

    /// <summary>Autopay: a debit each period, within the limit the renter set.</summary>
    public static DebitAuthorization ForAutopay(Guid renterId, Guid leaseId, BankAccount? account, decimal maxAmount, int daysBeforeDue,
        PaymentRail rail, DateTimeOffset now, string? ipAddress, string? userAgent) =>
        new(renterId, leaseId, AuthorizationKind.Recurring, account?.Id,
            $"I authorize DirectPay to debit {(account is null ? "my primary bank account at the time of each payment" : "my " + Describe(account))} " +
            $"for my share of the rent and late fees under lease {leaseId}, each period, {daysBeforeDue} days before the due date, " +
            $"by {RailName(rail)}, up to {maxAmount:0.00} USD a payment. This authorization stays in effect until I turn autopay off; " +
            "I will be told before any debit above that limit, which autopay will not make.", now, ipAddress, userAgent);

    public Guid Id { get; private set; }
    public Guid RenterId { get; private set; }
    public Guid LeaseId { get; private set; }
    public AuthorizationKind Kind { get; private set; }
    /// <summary>The account agreed to; none for autopay from the renter's primary account.</summary>
    public Guid? BankAccountId { get; private set; }
    public string Text { get; private set; } = "";
    public string Version { get; private set; } = "";
    public DateTimeOffset AgreedAt { get; private set; }
    public string? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    private static string Describe(BankAccount account) =>
        $"{(account.AccountType == BankAccountType.Savings ? "savings" : "checking")} account ending {account.Last4} (routing {account.RoutingNumber})";

    private static string RailName(PaymentRail rail) => rail switch
    {
        PaymentRail.Instant => "instant payment",
        PaymentRail.SameDayAch => "same-day ACH",
        PaymentRail.StandardAch => "ACH",
        _ => "wire",
    };
}
