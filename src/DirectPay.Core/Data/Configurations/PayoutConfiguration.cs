using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> payout)
    {
        payout.Property(p => p.Id).ValueGeneratedNever();
        payout.HasOne<User>().WithMany().HasForeignKey(p => p.LandlordId).OnDelete(DeleteBehavior.Restrict);
        payout.HasOne<BankAccount>().WithMany().HasForeignKey(p => p.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        payout.HasOne<AchFile>().WithMany().HasForeignKey(p => p.AchFileId).OnDelete(DeleteBehavior.Restrict);
        payout.Property(p => p.Amount).HasPrecision(12, 2);
        // Paid and returned race (the collector, a return file, a file by hand): the second to write finds the state moved.
        payout.Property(p => p.State).IsConcurrencyToken();
        payout.Property(p => p.TraceNumber).HasMaxLength(15).IsFixedLength();
        payout.Property(p => p.FailureCode).HasMaxLength(16);
        payout.Property(p => p.FailureReason).HasMaxLength(200);
        // One payout per landlord per banking date, whatever the number of workers making them.
        payout.HasIndex(p => new { p.LandlordId, p.BusinessDate }).IsUnique();
        payout.HasIndex(p => p.AchFileId);
        SnakeCaseEnum<PayoutState>.Constrain(payout, "payouts", "state");
        payout.ToTable(t => t.HasCheckConstraint("ck_payouts_amount", "amount > 0"));
    }
}

internal sealed class PayoutItemConfiguration : IEntityTypeConfiguration<PayoutItem>
{
    public void Configure(EntityTypeBuilder<PayoutItem> item)
    {
        item.Property(i => i.Id).ValueGeneratedNever();
        item.HasOne<User>().WithMany().HasForeignKey(i => i.LandlordId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne<Payout>().WithMany().HasForeignKey(i => i.PayoutId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne<Payment>().WithMany().HasForeignKey(i => i.PaymentId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne<Refund>().WithMany().HasForeignKey(i => i.RefundId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne<Payout>().WithMany().HasForeignKey(i => i.ReturnedPayoutId).OnDelete(DeleteBehavior.Restrict);
        item.Property(i => i.Amount).HasPrecision(12, 2);
        // A line is claimed by a payout only while still open: no line is ever in two payouts, whoever makes them.
        item.Property(i => i.PayoutId).IsConcurrencyToken();
        // The open lines of a landlord: its balance, and what the next payout carries.
        item.HasIndex(i => i.LandlordId).HasFilter("payout_id IS NULL");
        item.HasIndex(i => i.PayoutId);
        // Each collection, return, refund, returned refund or returned payout is on the balance once.
        item.HasIndex(i => new { i.Kind, i.PaymentId }).IsUnique().HasFilter("kind IN ('collection', 'return')");
        item.HasIndex(i => new { i.RefundId, i.Kind }).IsUnique();
        item.HasIndex(i => i.ReturnedPayoutId).IsUnique();
        SnakeCaseEnum<PayoutItemKind>.Constrain(item, "payout_items", "kind");
        item.ToTable(t => t.HasCheckConstraint("ck_payout_items_source",
            "(kind IN ('collection', 'return') AND payment_id IS NOT NULL AND refund_id IS NULL AND returned_payout_id IS NULL) OR " +
            "(kind IN ('refund', 'refund_returned') AND payment_id IS NOT NULL AND refund_id IS NOT NULL AND returned_payout_id IS NULL) OR " +
            "(kind = 'payout_returned' AND returned_payout_id IS NOT NULL AND payment_id IS NULL AND refund_id IS NULL)"));
    }
}
