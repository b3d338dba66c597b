using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.HasOne<Lease>().WithMany().HasForeignKey(p => p.LeaseId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<DebitAuthorization>().WithMany().HasForeignKey(p => p.AuthorizationId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<User>().WithMany().HasForeignKey(p => p.PayerId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<User>().WithMany().HasForeignKey(p => p.PayeeId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<BankAccount>().WithMany().HasForeignKey(p => p.PayerAccountId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<BankAccount>().WithMany().HasForeignKey(p => p.PayeeAccountId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => new { p.LeaseId, p.CreatedAt });
        payment.HasIndex(p => p.PayerId);
        // The settlement scheduler's question: which payments in processing has the bank answered by now?
        payment.HasIndex(p => p.BankAnswerDueAt).HasFilter("status = 'processing'");
        // An ACH file's payments: sent, acknowledged, refused and completed together.
        payment.HasIndex(p => p.AchFileId).HasFilter("ach_file_id IS NOT NULL");
        // Each transition is UPDATE ... WHERE status = @expected AND version = @expected: a lost race changes nothing.
        payment.Property(p => p.Status).IsConcurrencyToken();
        payment.Property(p => p.Version).IsConcurrencyToken();
        payment.Property(p => p.FailureCode).HasMaxLength(8);
        payment.Property(p => p.FailureReason).HasMaxLength(200);
        payment.Property(p => p.TraceParent).HasMaxLength(64);
        payment.HasMany(p => p.Events).WithOne().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
        payment.Navigation(p => p.Events).HasField("_events");
        SnakeCaseEnum<PaymentStatus>.Constrain(payment, "payments", "status");
        SnakeCaseEnum<PaymentRail>.Constrain(payment, "payments", "rail");
        payment.ToTable(t =>
        {
            t.HasCheckConstraint("ck_payments_amount", "amount > 0");
            // Three, not Payment.MaxRetries: payments retried three times before Nacha's limit of two was applied stay valid.
            t.HasCheckConstraint("ck_payments_retry_count", "retry_count BETWEEN 0 AND 3");
            t.HasCheckConstraint("ck_payments_refunded_amount", "refunded_amount BETWEEN 0 AND amount");
        });
    }
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> @event)
    {
        // A redelivered message can never add a second event with the same number.
        @event.HasIndex(e => new { e.PaymentId, e.Sequence }, ConstraintNames.PaymentEventSequence).IsUnique()
            .HasDatabaseName(ConstraintNames.PaymentEventSequence);
        @event.Property(e => e.EventType).HasMaxLength(40);
        @event.Property(e => e.Metadata).HasColumnType("jsonb");
        SnakeCaseEnum<PaymentStatus>.Constrain(@event, "payment_events", "new_status");
        @event.ToTable(t => t.HasCheckConstraint("ck_payment_events_sequence", "sequence > 0"));
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.HasOne<Payment>().WithMany().HasForeignKey(m => m.PaymentId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne<Refund>().WithMany().HasForeignKey(m => m.RefundId).OnDelete(DeleteBehavior.Restrict);
        message.Property(m => m.TraceParent).HasMaxLength(64);
        // The relay only ever looks for what is not yet published.
        message.HasIndex(m => m.Id).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_unpublished");
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        // The key decides races: two requests with one key insert one row, the other fails on this primary key.
        record.HasKey(r => new { r.OwnerId, r.Key });
        record.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        record.Property(r => r.RequestFingerprint).HasMaxLength(64);
        record.Property(r => r.ResponseLocation).HasMaxLength(200);
        record.HasOne<User>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Restrict);
        record.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        record.HasIndex(r => r.ExpiresAt);
    }
}
