using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class BankStatementLineConfiguration : IEntityTypeConfiguration<BankStatementLine>
{
    public void Configure(EntityTypeBuilder<BankStatementLine> line)
    {
        line.ToTable("bank_statements");
        line.Property(l => l.Id).ValueGeneratedNever();
        line.HasOne<BankAccount>().WithMany().HasForeignKey(l => l.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        line.HasIndex(l => new { l.BankAccountId, l.BankReference });
        line.Property(l => l.BankReference).HasMaxLength(64);
        SnakeCaseEnum<MoneyDirection>.Constrain(line, "bank_statements", "direction");
        SnakeCaseEnum<StatementSource>.Constrain(line, "bank_statements", "source");
        line.ToTable(t => t.HasCheckConstraint("ck_bank_statements_amount", "amount > 0"));
    }
}

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> run)
    {
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.Trigger).HasMaxLength(20);
        run.HasIndex(r => new { r.Status, r.CreatedAt });
        run.HasIndex(r => r.ScheduledFor, ConstraintNames.ReconciliationRunPeriod).IsUnique().HasDatabaseName(ConstraintNames.ReconciliationRunPeriod);
        SnakeCaseEnum<ReconciliationRunStatus>.Constrain(run, "reconciliation_runs", "status");
    }
}

internal sealed class ReconciliationItemConfiguration : IEntityTypeConfiguration<ReconciliationItem>
{
    public void Configure(EntityTypeBuilder<ReconciliationItem> item)
    {
        item.HasOne<ReconciliationRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => new { i.RunId, i.Outcome });
        item.Property(i => i.Reference).HasMaxLength(64);
        SnakeCaseEnum<ReconciliationOutcome>.Constrain(item, "reconciliation_items", "outcome");
        SnakeCaseEnum<MoneyDirection>.Constrain(item, "reconciliation_items", "direction");
    }
}
