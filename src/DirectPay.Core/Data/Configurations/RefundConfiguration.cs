using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.Property(r => r.Id).ValueGeneratedNever();
        refund.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        refund.HasOne<User>().WithMany().HasForeignKey(r => r.RequestedBy).OnDelete(DeleteBehavior.Restrict);
        refund.HasIndex(r => r.PaymentId);
        refund.HasIndex(r => r.BankAnswerDueAt).HasFilter("status = 'processing'");
        refund.Property(r => r.Status).IsConcurrencyToken();
        refund.Property(r => r.Version).IsConcurrencyToken();
        refund.Property(r => r.Reason).HasMaxLength(500);
        refund.Property(r => r.FailureCode).HasMaxLength(8);
        refund.Property(r => r.FailureReason).HasMaxLength(200);
        refund.Property(r => r.TraceParent).HasMaxLength(64);
        refund.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RefundId).OnDelete(DeleteBehavior.Restrict);
        refund.Navigation(r => r.Events).HasField("_events");
        SnakeCaseEnum<RefundStatus>.Constrain(refund, "refunds", "status");
        SnakeCaseEnum<PaymentRail>.Constrain(refund, "refunds", "rail");
        refund.ToTable(t => t.HasCheckConstraint("ck_refunds_amount", "amount > 0"));
    }
}

internal sealed class RefundEventConfiguration : IEntityTypeConfiguration<RefundEvent>
{
    public void Configure(EntityTypeBuilder<RefundEvent> @event)
    {
        @event.HasIndex(e => new { e.RefundId, e.Sequence }, ConstraintNames.RefundEventSequence).IsUnique()
            .HasDatabaseName(ConstraintNames.RefundEventSequence);
        @event.Property(e => e.EventType).HasMaxLength(40);
        @event.Property(e => e.Metadata).HasColumnType("jsonb");
        SnakeCaseEnum<RefundStatus>.Constrain(@event, "refund_events", "new_status");
    }
}
