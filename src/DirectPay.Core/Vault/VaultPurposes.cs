namespace DirectPay.Vault;

/// <summary>What a sealed value is, bound into its associated data so one kind of value cannot pass for another.</summary>
public static class VaultPurposes
{
    public const string BankAccountNumber = "bank-account-number";
    /// <summary>A NACHA file sent to or received from the bank: it carries full account numbers.</summary>
    public const string AchFile = "ach-file";
}
