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
        lease.ToTable(t =>
        {
            t.HasCheckConstraint("ck_leases_dates", "end_date > start_date");
            t.HasCheckConstraint("ck_leases_due_day", $"due_day BETWEEN {DueDates.FirstDueDay} AND {DueDates.LastDueDay}");
            t.HasCheckConstraint("ck_leases_rent_amount", "rent_amount > 0");
        });
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
        schedule.ToTable(t => t.HasCheckConstraint("ck_payment_schedules_amount_due", "amount_due > 0"));
    }
}
