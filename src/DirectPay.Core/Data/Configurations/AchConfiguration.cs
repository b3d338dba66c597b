using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class AchEntryConfiguration : IEntityTypeConfiguration<AchEntry>
{
    public void Configure(EntityTypeBuilder<AchEntry> entry)
    {
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.HasOne<Payment>().WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Payout>().WithMany().HasForeignKey(e => e.PayoutId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Refund>().WithMany().HasForeignKey(e => e.RefundId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<BankAccount>().WithMany().HasForeignKey(e => e.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<AchFile>().WithMany().HasForeignKey(e => e.AchFileId).OnDelete(DeleteBehavior.Restrict);
        entry.Property(e => e.TraceNumber).HasMaxLength(15).IsFixedLength();
        entry.Property(e => e.ReturnCode).HasMaxLength(3);
        // Origination's question: what is queued for a cutoff that has come?
        entry.HasIndex(e => e.CutoffAt).HasFilter("state = 'queued'");
        // A return names the entry by its trace number (which wraps after 9,999,999 entries, so it is not unique).
        entry.HasIndex(e => e.TraceNumber);
        entry.HasIndex(e => e.PaymentId);
        entry.HasIndex(e => e.PayoutId).IsUnique();
        entry.HasIndex(e => e.RefundId).IsUnique();
        entry.HasIndex(e => e.AchFileId);
        SnakeCaseEnum<AchEntryState>.Constrain(entry, "ach_entries", "state");
        // Queued: in no file yet. In a file: with its trace and batch. Refused: in a file the bank refused, or in none.
        entry.ToTable(t =>
        {
            t.HasCheckConstraint("ck_ach_entries_in_file",
                "(state <> 'queued' OR ach_file_id IS NULL) AND (state <> 'in_file' OR (ach_file_id IS NOT NULL AND trace_number IS NOT NULL AND batch_number IS NOT NULL))");
            // A renter's debit for a payment, a landlord's credit for a payout, or a renter's credit for a refund.
            t.HasCheckConstraint("ck_ach_entries_purpose",
                "(payment_id IS NOT NULL AND payout_id IS NULL AND refund_id IS NULL AND debit) OR " +
                "(payout_id IS NOT NULL AND payment_id IS NULL AND refund_id IS NULL AND NOT debit) OR " +
                "(refund_id IS NOT NULL AND payment_id IS NULL AND payout_id IS NULL AND NOT debit)");
        });
    }
}

internal sealed class AchFileConfiguration : IEntityTypeConfiguration<AchFile>
{
    public void Configure(EntityTypeBuilder<AchFile> file)
    {
        file.Property(f => f.Id).ValueGeneratedNever();
        file.Property(f => f.Kind).HasMaxLength(32);
        file.Property(f => f.ImmediateOrigin).HasMaxLength(10);
        file.Property(f => f.FileIdModifier).HasMaxLength(1);
        file.Property(f => f.Sha256).HasMaxLength(64);
        file.Property(f => f.KeyId).HasMaxLength(32);
        file.Property(f => f.Problem).HasMaxLength(500);
        // A file's identity: one file per origin, creation date and modifier, each way (ADR 0014).
        file.HasIndex(f => new { f.Direction, f.ImmediateOrigin, f.CreationDate, f.FileIdModifier }).IsUnique();
        file.HasIndex(f => f.BankFileId).IsUnique();
        file.HasIndex(f => f.CreatedAt).HasFilter("state = 'recorded'");
        SnakeCaseEnum<AchFileDirection>.Constrain(file, "ach_files", "direction");
        SnakeCaseEnum<AchFileState>.Constrain(file, "ach_files", "state");
        file.ToTable(t => t.HasCheckConstraint("ck_ach_files_kind", $"kind IN ('{AchFile.Origination}', '{AchFile.Returns}', '{AchFile.NotificationsOfChange}')"));
    }
}

internal sealed class AchCursorConfiguration : IEntityTypeConfiguration<AchCursor>
{
    public void Configure(EntityTypeBuilder<AchCursor> cursor)
    {
        cursor.HasKey(c => c.Name);
        cursor.Property(c => c.Name).HasMaxLength(32);
        cursor.HasData(new AchCursor(AchCursor.Origination), new AchCursor(AchCursor.Collection), new AchCursor(AchCursor.Payouts));
        cursor.ToTable(t => t.HasCheckConstraint("ck_ach_cursors_next_trace_sequence", "next_trace_sequence BETWEEN 1 AND 9999999"));
    }
}
