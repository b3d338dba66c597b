using System.Text;
using DirectPay.Vault;

namespace DirectPay.Domain;

/// <summary>A bank account's full number, sealed by the vault: the one place DirectPay keeps it, for the files to its bank.</summary>
public sealed class BankAccountNumber
{
    /// <summary>DirectPay's rule for an account number, which a receiving bank's correction must keep too: 4 to 17 digits.</summary>
    public const string Pattern = "^[0-9]{4,17}$";
    public const string PatternMessage = "The account number is 4 to 17 digits.";

    /// <summary><see cref="Pattern"/> in code (a regex's $ would also take a trailing newline).</summary>
    public static bool IsValid(string number) => number.Length is >= 4 and <= 17 && number.All(char.IsAsciiDigit);

    private BankAccountNumber() { }

    public BankAccountNumber(Guid bankAccountId, Sealed number)
    {
        BankAccountId = bankAccountId;
        Set(number);
    }

    public Guid BankAccountId { get; private set; }
    public string KeyId { get; private set; } = "";
    public byte[] Ciphertext { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The number sealed for this account alone.</summary>
    public static Sealed Seal(VaultProtector vault, Guid bankAccountId, string number) =>
        vault.Protect(VaultPurposes.BankAccountNumber, bankAccountId, Encoding.ASCII.GetBytes(number));

    public static BankAccountNumber For(VaultProtector vault, Guid bankAccountId, string number) =>
        new(bankAccountId, Seal(vault, bankAccountId, number));

    public void Replace(VaultProtector vault, string number) => Set(Seal(vault, BankAccountId, number));

    /// <summary>The number, for a file to the bank; throws <see cref="VaultException"/> when it cannot be opened.</summary>
    public string Open(VaultProtector vault) =>
        Encoding.ASCII.GetString(vault.Unprotect(VaultPurposes.BankAccountNumber, BankAccountId, new Sealed(KeyId, Ciphertext)));

    /// <summary>Sealed again under the vault's current key, so the old key can be retired.</summary>
    public void Reseal(VaultProtector vault) =>
        Set(vault.Reseal(VaultPurposes.BankAccountNumber, BankAccountId, new Sealed(KeyId, Ciphertext)));

    private void Set(Sealed number)
    {
        KeyId = number.KeyId;
        Ciphertext = number.Ciphertext;
    }
}
