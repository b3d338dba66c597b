namespace DirectPay.Domain;

/// <summary>A bank account a payment would use, with whether its owner's DirectPay account is still open.</summary>
public sealed record PaymentAccount(BankAccount Account, bool OwnerIsOpen)
{
    public bool IsUsableBy(Guid userId) => Account.IsActive && OwnerIsOpen && Account.UserId == userId;
}

/// <summary>Why a payment may not start, naming the request field it is about.</summary>
public sealed record PaymentRefusal(string Field, string Reason);
