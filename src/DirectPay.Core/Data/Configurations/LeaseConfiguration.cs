using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> lease)
    {
        lease.Property(l => l.Id).ValueGeneratedNever();
        lease.HasOne<Property>().WithMany().HasForeignKey(l => l.PropertyId).OnDelete(DeleteBehavior.Restrict);
        lease.HasOne<User>().WithMany().HasForeignKey(l => l.LandlordId).OnDelete(DeleteBehavior.Restrict);
        lease.HasOne<User>().WithMany().HasForeignKey(l => l.RenterId).OnDelete(DeleteBehavior.Restrict);
        lease.HasIndex(l => l.PropertyId);
        lease.HasIndex(l => l.LandlordId);
        lease.HasIndex(l => l.RenterId);
        lease.HasOne(l => l.Schedule).WithOne().HasForeignKey<PaymentSchedule>(s => s.LeaseId).OnDelete(DeleteBehavior.Restrict);
        lease.HasMany(l => l.Amendments).WithOne().HasForeignKey(a => a.LeaseId).OnDelete(DeleteBehavior.Restrict);
        lease.Navigation(l => l.Amendments).HasField("_amendments");
        lease.HasMany(l => l.Renters).WithOne().HasForeignKey(r => r.LeaseId).OnDelete(DeleteBehavior.Restrict);
        lease.Navigation(l => l.Renters).HasField("_renters");
        lease.HasMany(l => l.Dues).WithOne().HasForeignKey(d => d.LeaseId).OnDelete(DeleteBehavior.Restrict);
        lease.Navigation(l => l.Dues).HasField("_dues");
        lease.ComplexProperty(l => l.Policy, policy =>
        {
            policy.Property(p => p.LateFeeType).HasConversion<SnakeCaseEnumConverter<LateFeeType>>().HasMaxLength(32)
                .HasDefaultValue(LateFeeType.None);
            policy.Property(p => p.LateFeeAmount).HasPrecision(12, 2);
        });
        SnakeCaseEnum<LateFeeType>.Constrain(lease, "leases", "policy_late_fee_type");
        lease.ToTable(t =>
        {
            t.HasCheckConstraint("ck_leases_dates", "end_date > start_date");
            t.HasCheckConstraint("ck_leases_due_day", $"due_day BETWEEN {DueDates.FirstDueDay} AND {DueDates.LastDueDay}");
            t.HasCheckConstraint("ck_leases_rent_amount", "rent_amount > 0");
            t.HasCheckConstraint("ck_leases_policy_grace_days", $"policy_grace_days BETWEEN 0 AND {RentPolicy.MaxGraceDays}");
            t.HasCheckConstraint("ck_leases_policy_late_fee", "policy_late_fee_amount >= 0 AND (policy_late_fee_cap IS NULL OR policy_late_fee_cap > 0)");
        });
    }
}

internal sealed class LeaseRenterConfiguration : IEntityTypeConfiguration<LeaseRenter>
{
    public void Configure(EntityTypeBuilder<LeaseRenter> renter)
    {
        renter.HasKey(r => new { r.LeaseId, r.RenterId });
        renter.HasOne<User>().WithMany().HasForeignKey(r => r.RenterId).OnDelete(DeleteBehavior.Restrict);
        renter.HasIndex(r => r.RenterId);
        renter.ToTable(t => t.HasCheckConstraint("ck_lease_renters_share_amount", "share_amount > 0"));
    }
}

internal sealed class RentDueConfiguration : IEntityTypeConfiguration<RentDue>
{
    public void Configure(EntityTypeBuilder<RentDue> due)
    {
        due.Property(d => d.Id).ValueGeneratedNever();
        due.HasIndex(d => new { d.LeaseId, d.RenterId, d.Period }).IsUnique();
        due.HasOne<User>().WithMany().HasForeignKey(d => d.RenterId).OnDelete(DeleteBehavior.Restrict);
        // The late-fee scheduler's question: which dues are past their grace and not yet assessed?
        due.HasIndex(d => d.LateAfter).HasFilter("late_fee_charged_at IS NULL");
        due.ToTable(t =>
        {
            t.HasCheckConstraint("ck_rent_dues_period", "extract(day from period) = 1");
            t.HasCheckConstraint("ck_rent_dues_rent", "rent >= 0");
            t.HasCheckConstraint("ck_rent_dues_fee_paid", "fee_paid BETWEEN 0 AND late_fee");
            t.HasCheckConstraint("ck_rent_dues_rent_paid", "rent_paid BETWEEN 0 AND rent");
        });
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> allocation)
    {
        allocation.HasKey(a => new { a.PaymentId, a.RentDueId });
        allocation.HasOne<Payment>().WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
        allocation.HasOne<RentDue>().WithMany().HasForeignKey(a => a.RentDueId).OnDelete(DeleteBehavior.Restrict);
        allocation.HasIndex(a => a.RentDueId);
        allocation.ToTable(t => t.HasCheckConstraint("ck_payment_allocations_amounts", "fee_amount >= 0 AND rent_amount >= 0"));
    }
}

internal sealed class LeaseAmendmentConfiguration : IEntityTypeConfiguration<LeaseAmendment>
{
    public void Configure(EntityTypeBuilder<LeaseAmendment> amendment)
    {
        amendment.Property(a => a.Id).ValueGeneratedNever();
        // Two amendments racing for the same number: the database lets one win.
        amendment.HasIndex(a => new { a.LeaseId, a.Sequence }, ConstraintNames.LeaseAmendmentSequence).IsUnique()
            .HasDatabaseName(ConstraintNames.LeaseAmendmentSequence);
        amendment.HasOne<User>().WithMany().HasForeignKey(a => a.AmendedBy).OnDelete(DeleteBehavior.Restrict);
        amendment.Property(a => a.Reason).HasMaxLength(500);
        amendment.ToTable(t =>
        {
            t.HasCheckConstraint("ck_lease_amendments_due_day", $"due_day BETWEEN {DueDates.FirstDueDay} AND {DueDates.LastDueDay}");
            t.HasCheckConstraint("ck_lease_amendments_rent_amount", "rent_amount > 0");
            t.HasCheckConstraint("ck_lease_amendments_effective_from", "extract(day from effective_from) = 1");
        });
    }
}

internal sealed class PaymentScheduleConfiguration : IEntityTypeConfiguration<PaymentSchedule>
{
    public void Configure(EntityTypeBuilder<PaymentSchedule> schedule)
    {
        schedule.Property(s => s.Id).ValueGeneratedNever();
        schedule.HasIndex(s => s.LeaseId).IsUnique();
        // Two settlements advancing one schedule at once: Postgres's xmin makes the second fail and retry.
        schedule.Property<uint>("xmin").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        schedule.HasIndex(s => new { s.Status, s.NextDueDate });
        SnakeCaseEnum<ScheduleStatus>.Constrain(schedule, "payment_schedules", "status");
        schedule.ToTable(t => t.HasCheckConstraint("ck_payment_schedules_amount_due", "amount_due >= 0"));
    }
}
