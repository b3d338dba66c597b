using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> account)
    {
        account.Property(a => a.Id).ValueGeneratedNever();
        account.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        account.HasIndex(a => a.UserId);
        // The database, not a check-then-write, keeps a user to one primary account.
        account.HasIndex(a => a.UserId, ConstraintNames.OnePrimaryBankAccountPerUser).IsUnique().HasFilter("is_primary")
            .HasDatabaseName(ConstraintNames.OnePrimaryBankAccountPerUser);
        account.Property(a => a.AccountToken).HasMaxLength(64);
        account.HasIndex(a => a.AccountToken).IsUnique();
        account.Property(a => a.Last4).HasMaxLength(4).IsFixedLength();
        account.Property(a => a.RoutingNumber).HasMaxLength(9).IsFixedLength();
        account.Property(a => a.BankName).HasMaxLength(100);
        SnakeCaseEnum<BankAccountType>.Constrain(account, "bank_accounts", "account_type");
        account.ToTable(t =>
        {
            t.HasCheckConstraint("ck_bank_accounts_last4", "last4 ~ '^[0-9]{4}$'");
            t.HasCheckConstraint("ck_bank_accounts_routing_number", "routing_number ~ '^[0-9]{9}$'");
            t.HasCheckConstraint("ck_bank_accounts_primary_is_active", "NOT is_primary OR is_active");
        });
    }
}
