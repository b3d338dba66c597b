using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class AutopaySettingConfiguration : IEntityTypeConfiguration<AutopaySetting>
{
    public void Configure(EntityTypeBuilder<AutopaySetting> setting)
    {
        setting.HasKey(s => new { s.LeaseId, s.RenterId }).HasName(ConstraintNames.AutopaySettingKey);
        setting.HasOne<LeaseRenter>().WithMany().HasForeignKey(s => new { s.LeaseId, s.RenterId }).OnDelete(DeleteBehavior.Restrict);
        setting.HasOne<BankAccount>().WithMany().HasForeignKey(s => s.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        setting.HasIndex(s => s.LeaseId).HasFilter("enabled");
        SnakeCaseEnum<PaymentRail>.Constrain(setting, "autopay_settings", "rail");
        setting.ToTable(t => t.HasCheckConstraint("ck_autopay_settings_days_before_due",
            $"days_before_due BETWEEN 0 AND {AutopaySetting.MaxDaysBeforeDue}"));
    }
}

internal sealed class AutopayAttemptConfiguration : IEntityTypeConfiguration<AutopayAttempt>
{
    public void Configure(EntityTypeBuilder<AutopayAttempt> attempt)
    {
        // One attempt per renter, lease and period, whichever worker replica gets there first.
        attempt.HasKey(a => new { a.LeaseId, a.RenterId, a.Period });
        attempt.HasOne<LeaseRenter>().WithMany().HasForeignKey(a => new { a.LeaseId, a.RenterId }).OnDelete(DeleteBehavior.Restrict);
        attempt.HasOne<Payment>().WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
        attempt.HasIndex(a => a.PaymentId).IsUnique();
        attempt.HasIndex(a => a.IdempotencyKey).IsUnique();
        attempt.Property(a => a.IdempotencyKey).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        attempt.Property(a => a.FailureReason).HasMaxLength(AutopayAttempt.MaxFailureReasonLength);
        attempt.ToTable(t => t.HasCheckConstraint("ck_autopay_attempts_outcome", "(payment_id IS NULL) <> (failure_reason IS NULL)"));
    }
}
