using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class DebitAuthorizationConfiguration : IEntityTypeConfiguration<DebitAuthorization>
{
    public void Configure(EntityTypeBuilder<DebitAuthorization> authorization)
    {
        authorization.Property(a => a.Id).ValueGeneratedNever();
        authorization.HasOne<User>().WithMany().HasForeignKey(a => a.RenterId).OnDelete(DeleteBehavior.Restrict);
        authorization.HasOne<Lease>().WithMany().HasForeignKey(a => a.LeaseId).OnDelete(DeleteBehavior.Restrict);
        authorization.HasOne<BankAccount>().WithMany().HasForeignKey(a => a.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        authorization.Property(a => a.Version).HasMaxLength(16);
        authorization.Property(a => a.Text).HasMaxLength(2000);
        authorization.Property(a => a.IpAddress).HasMaxLength(45);
        authorization.Property(a => a.UserAgent).HasMaxLength(DebitAuthorization.MaxUserAgentLength);
        // Autopay's question when it pays: what does this renter's autopay on this lease stand on now? One thing at most.
        authorization.HasIndex(a => new { a.LeaseId, a.RenterId }).IsUnique().HasFilter("kind = 'recurring' AND revoked_at IS NULL")
            .HasDatabaseName(ConstraintNames.OneActiveAutopayAuthorization);
        SnakeCaseEnum<AuthorizationKind>.Constrain(authorization, "debit_authorizations", "kind");
    }
}
