using System.Text;
using DirectPay.Domain;
using DirectPay.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DirectPay.Tests.Vault;

public class VaultProtectorTests
{
    private const string OldSecret = "old-secret-of-at-least-thirty-two-characters";
    private const string NewSecret = "new-secret-of-at-least-thirty-two-characters";
    private const string Number = "000123456789";
    private static readonly Guid AccountId = Guid.CreateVersion7();

    internal static VaultProtector With(string currentKeyId, params (string Id, string Secret)[] keys) =>
        new(Options.Create(new VaultOptions { CurrentKeyId = currentKeyId, Keys = keys.ToDictionary(k => k.Id, k => k.Secret) }));

    private static readonly VaultProtector Vault = With("k1", ("k1", OldSecret));

    [Fact]
    public void A_number_sealed_for_an_account_opens_for_it_and_the_stored_bytes_do_not_hold_it()
    {
        var number = BankAccountNumber.For(Vault, AccountId, Number);

        Assert.Equal(Number, number.Open(Vault));
        Assert.Equal("k1", number.KeyId);
        Assert.Equal(VaultProtector.NonceSize + Number.Length + VaultProtector.TagSize, number.Ciphertext.Length);
        Assert.DoesNotContain(Number, Encoding.Latin1.GetString(number.Ciphertext));
        Assert.DoesNotContain("6789", Encoding.Latin1.GetString(number.Ciphertext[VaultProtector.NonceSize..]));
    }

    [Fact]
    public void The_same_value_sealed_twice_differs_by_its_random_nonce()
    {
        var first = Vault.Protect(VaultPurposes.BankAccountNumber, AccountId, "12345678"u8);
        var second = Vault.Protect(VaultPurposes.BankAccountNumber, AccountId, "12345678"u8);
        Assert.NotEqual(first.Ciphertext[..VaultProtector.NonceSize], second.Ciphertext[..VaultProtector.NonceSize]);
        Assert.Equal("12345678"u8.ToArray(), Vault.Unprotect(VaultPurposes.BankAccountNumber, AccountId, second));
    }

    [Theory]
    [InlineData(0)]  // the nonce
    [InlineData(15)] // the ciphertext
    [InlineData(-1)] // the tag
    public void A_changed_byte_anywhere_is_refused(int at)
    {
        var sealedValue = Vault.Protect(VaultPurposes.BankAccountNumber, AccountId, Encoding.ASCII.GetBytes(Number));
        var tampered = sealedValue.Ciphertext.ToArray();
        tampered[at < 0 ? tampered.Length + at : at] ^= 0x01;

        var refused = Assert.Throws<VaultException>(() => Vault.Unprotect(VaultPurposes.BankAccountNumber, AccountId, sealedValue with { Ciphertext = tampered }));
        Assert.Contains(AccountId.ToString(), refused.Message);
        Assert.DoesNotContain(Number, refused.Message);
    }

    [Fact]
    public void A_value_cut_short_is_refused()
    {
        var sealedValue = Vault.Protect(VaultPurposes.BankAccountNumber, AccountId, Encoding.ASCII.GetBytes(Number));
        Assert.Throws<VaultException>(() => Vault.Unprotect(VaultPurposes.BankAccountNumber, AccountId, sealedValue with { Ciphertext = sealedValue.Ciphertext[..20] }));
        Assert.Throws<VaultException>(() => Vault.Unprotect(VaultPurposes.BankAccountNumber, AccountId, sealedValue with { Ciphertext = sealedValue.Ciphertext[..^1] }));
    }

    [Fact]
    public void A_value_moved_to_another_row_or_purpose_is_refused()
    {
        var sealedValue = Vault.Protect(VaultPurposes.BankAccountNumber, AccountId, Encoding.ASCII.GetBytes(Number));
        Assert.Throws<VaultException>(() => Vault.Unprotect(VaultPurposes.BankAccountNumber, Guid.CreateVersion7(), sealedValue));
        Assert.Throws<VaultException>(() => Vault.Unprotect("nacha-file", AccountId, sealedValue));
    }

    [Fact]
    public void A_value_under_an_unknown_key_id_is_refused_by_name()
    {
        var sealedValue = Vault.Protect(VaultPurposes.BankAccountNumber, AccountId, Encoding.ASCII.GetBytes(Number));
        var refused = Assert.Throws<VaultException>(() => Vault.Unprotect(VaultPurposes.BankAccountNumber, AccountId, sealedValue with { KeyId = "k9" }));
        Assert.Contains("'k9'", refused.Message);
    }

    [Fact]
    public void The_same_secret_under_another_key_id_does_not_open_a_value_relabelled_to_it()
    {
        var twins = With("k1", ("k1", OldSecret), ("k2", OldSecret));
        var sealedValue = twins.Protect(VaultPurposes.BankAccountNumber, AccountId, Encoding.ASCII.GetBytes(Number));
        Assert.Throws<VaultException>(() => twins.Unprotect(VaultPurposes.BankAccountNumber, AccountId, sealedValue with { KeyId = "k2" }));
    }

    [Fact]
    public void After_a_rotation_old_rows_still_open_new_rows_use_the_new_key_and_a_reseal_lets_the_old_key_go()
    {
        var before = BankAccountNumber.For(Vault, AccountId, Number);
        var rotated = With("k2", ("k1", OldSecret), ("k2", NewSecret));

        Assert.Equal(Number, before.Open(rotated));
        var newer = BankAccountNumber.For(rotated, Guid.CreateVersion7(), "55554321");
        Assert.Equal("k2", newer.KeyId);
        Assert.Throws<VaultException>(() => newer.Open(Vault)); // the old configuration does not know k2

        before.Reseal(rotated);
        Assert.Equal("k2", before.KeyId);
        var retired = With("k2", ("k2", NewSecret));
        Assert.Equal(Number, before.Open(retired));
        Assert.Equal("55554321", newer.Open(retired));
    }

    [Fact]
    public void A_replaced_number_is_sealed_again_under_the_current_key()
    {
        var number = BankAccountNumber.For(Vault, AccountId, Number);
        var rotated = With("k2", ("k1", OldSecret), ("k2", NewSecret));
        number.Replace(rotated, "999123456789");
        Assert.Equal(("k2", "999123456789"), (number.KeyId, number.Open(rotated)));
    }

    [Theory]
    [InlineData("", "k1", OldSecret, "Vault:CurrentKeyId is missing")]
    [InlineData("k2", "k1", OldSecret, "Vault:Keys:k2 is not set")]
    [InlineData("k1", "k1", "short-secret", "Vault:Keys:k1 is shorter than 32 characters")]
    [InlineData("k 1", "k 1", OldSecret, "is not 1-32 letters")]
    public void Settings_that_would_fail_later_are_refused_at_start_without_showing_a_secret(string current, string keyId, string secret, string expected)
    {
        var problems = string.Join(" ", new VaultOptions { CurrentKeyId = current, Keys = { [keyId] = secret } }.Problems());
        Assert.Contains(expected, problems);
        Assert.DoesNotContain(secret, problems);
        Assert.Throws<InvalidOperationException>(() => With(current, (keyId, secret)));
    }

    [Fact]
    public async Task A_host_without_its_vault_key_does_not_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Vault:CurrentKeyId"] = "k1" });
        builder.AddVault();
        using var host = builder.Build();
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Vault:Keys:k1 is not set", refused.Message);
    }

    [Fact]
    public void A_host_reads_its_keys_from_configuration()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vault:CurrentKeyId"] = "k2", ["Vault:Keys:k1"] = OldSecret, ["Vault:Keys:k2"] = NewSecret,
        });
        builder.AddVault();
        using var host = builder.Build();
        var configured = host.Services.GetRequiredService<VaultProtector>();
        Assert.Equal(Number, BankAccountNumber.For(Vault, AccountId, Number).Open(configured));
        Assert.Equal("k2", configured.CurrentKeyId);
    }
}
