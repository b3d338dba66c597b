namespace DirectPay.Domain;

/// <summary>
/// A bank account a payment would use, with whether its owner's DirectPay account is still open and whether its full
/// number is in the vault.
/// </summary>
public sealed record PaymentAccount(BankAccount Account, bool OwnerIsOpen, bool NumberOnFile)
{
    public bool IsUsableBy(Guid userId) => Account.IsActive && OwnerIsOpen && Account.UserId == userId;

    /// <summary>An account added before the vault has no number for a bank file, so no money moves through it until it is entered.</summary>
    public PaymentRefusal? RefusesWithoutNumber(string field) => NumberOnFile ? null : new(field,
        $"Bank account {Account.Id} has no account number on file (it was added before DirectPay kept them); its owner must " +
        "enter it again (PUT .../account-number).", MissingNumber: true);
}

/// <summary>Why a payment may not start, naming the request field it is about.</summary>
public sealed record PaymentRefusal(string Field, string Reason, bool MissingNumber = false);
