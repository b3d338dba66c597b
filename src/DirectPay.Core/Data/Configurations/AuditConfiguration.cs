using DirectPay.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_log");
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.Entity).HasMaxLength(64);
        entry.Property(e => e.EntityId).HasMaxLength(80);
        entry.Property(e => e.Action).HasMaxLength(16);
        entry.Property(e => e.TraceId).HasMaxLength(32);
        entry.HasIndex(e => new { e.Entity, e.EntityId, e.Id });
        entry.HasIndex(e => new { e.ActorId, e.Id });
        entry.HasIndex(e => e.OccurredAt);
        entry.ToTable(t => t.HasCheckConstraint("ck_audit_log_action", "action IN ('created', 'updated', 'deleted', 'disclosed')"));
    }
}
