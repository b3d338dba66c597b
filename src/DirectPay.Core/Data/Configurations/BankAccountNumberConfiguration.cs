using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class BankAccountNumberConfiguration : IEntityTypeConfiguration<BankAccountNumber>
{
    public void Configure(EntityTypeBuilder<BankAccountNumber> number)
    {
        number.ToTable("bank_account_numbers");
        number.HasKey(n => n.BankAccountId);
        number.Property(n => n.BankAccountId).ValueGeneratedNever();
        // Its own table: the sealed number is read only where it is needed, never with the account.
        number.HasOne<BankAccount>().WithOne().HasForeignKey<BankAccountNumber>(n => n.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        number.Property(n => n.KeyId).HasMaxLength(32);
        number.Property(n => n.Ciphertext).IsRequired();
        number.ToTable(t => t.HasCheckConstraint("ck_bank_account_numbers_ciphertext", "octet_length(ciphertext) > 28"));
    }
}
