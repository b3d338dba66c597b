using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> account)
    {
        account.Property(a => a.Id).ValueGeneratedNever();
        account.Property(a => a.Balance).HasPrecision(14, 2);
        account.HasOne<BankAccount>().WithOne().HasForeignKey<LedgerAccount>(a => a.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        account.HasIndex(a => a.BankAccountId).IsUnique();
        account.HasIndex(a => a.Rail).IsUnique();
        SnakeCaseEnum<LedgerAccountKind>.Constrain(account, "ledger_accounts", "kind");
        account.ToTable(t => t.HasCheckConstraint("ck_ledger_accounts_owner",
            "(kind = 'bank_account' AND bank_account_id IS NOT NULL AND rail IS NULL) OR " +
            "(kind = 'rail_clearing' AND rail IS NOT NULL AND bank_account_id IS NULL) OR " +
            "(kind = 'settlement' AND rail IS NULL AND bank_account_id IS NULL)"));
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.HasOne<LedgerAccount>().WithMany().HasForeignKey(e => e.LedgerAccountId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.LedgerAccountId, e.Id });
        entry.HasIndex(e => new { e.SourceType, e.SourceId });
        entry.HasIndex(e => e.TransactionId);
        entry.Property(e => e.SourceType).HasMaxLength(20);
        entry.Property(e => e.Description).HasMaxLength(200);
        entry.ToTable(t => t.HasCheckConstraint("ck_ledger_entries_amount", "amount <> 0"));
    }
}
