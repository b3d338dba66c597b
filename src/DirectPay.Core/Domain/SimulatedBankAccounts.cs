namespace DirectPay.Domain;

/// <summary>
/// The simulated bank's own record of an account's funds: the bank's state, not DirectPay's books (those are the ledger).
/// An account the bank has not seen opens with the configured opening balance; tests seed others directly.
/// </summary>
public sealed class SimulatedBankAccount
{
    private SimulatedBankAccount() { }

    public Guid BankAccountId { get; private set; }
    public decimal Balance { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
}

/// <summary>A return the simulated bank will send for a settled ACH payment, when its time comes.</summary>
public sealed class SimulatedBankReturn
{
    private SimulatedBankReturn() { }

    public SimulatedBankReturn(Guid paymentId, string code, DateTimeOffset dueAt)
    {
        PaymentId = paymentId;
        Code = code;
        DueAt = dueAt;
    }

    public Guid PaymentId { get; private set; }
    public string Code { get; private set; } = "";
    public DateTimeOffset DueAt { get; private set; }
}
