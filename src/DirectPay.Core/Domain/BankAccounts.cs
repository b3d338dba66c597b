namespace DirectPay.Domain;

public enum BankAccountType { Checking, Savings }

/// <summary>
/// A user's bank account: an opaque token and the last four digits. The full number is kept apart, sealed in the vault
/// (<see cref="BankAccountNumber"/>), and read only where a file to the bank is written.
/// </summary>
public sealed class BankAccount
{
    private BankAccount() { }

    public BankAccount(Guid id, Guid userId, string accountToken, string last4, string routingNumber,
        BankAccountType accountType, string? bankName)
    {
        Id = id;
        UserId = userId;
        AccountToken = accountToken;
        Last4 = last4;
        RoutingNumber = routingNumber;
        AccountType = accountType;
        BankName = bankName;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string AccountToken { get; private set; } = "";
    public string Last4 { get; private set; } = "";
    public string RoutingNumber { get; private set; } = "";
    public BankAccountType AccountType { get; private set; }
    public string? BankName { get; private set; }
    public bool IsPrimary { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// The receiving bank's notification of change, applied as it gave it (Nacha: before the next entry): its routing
    /// number, its type, and the last four digits of a corrected number (whose full value the vault takes).
    /// </summary>
    public void ApplyCorrection(string? routingNumber, string? accountNumber, BankAccountType? accountType)
    {
        if (routingNumber is not null) RoutingNumber = routingNumber;
        if (accountNumber is not null) Last4 = accountNumber[^4..];
        if (accountType is { } type) AccountType = type;
    }

    public void MakePrimary()
    {
        if (!IsActive) throw new InvalidOperationException("An inactive account cannot be primary.");
        IsPrimary = true;
    }

    public void ClearPrimary() => IsPrimary = false;

    public void Deactivate()
    {
        IsActive = false;
        IsPrimary = false;
    }
}
