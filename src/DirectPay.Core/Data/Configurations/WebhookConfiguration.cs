using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.Property(e => e.Id).ValueGeneratedNever();
        endpoint.HasOne<User>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Restrict);
        endpoint.HasIndex(e => e.OwnerId);
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.Secret).HasMaxLength(64);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'pending'");
        delivery.Property(d => d.EventType).HasMaxLength(40);
        delivery.Property(d => d.Payload).HasColumnType("jsonb");
        delivery.Property(d => d.LastError).HasMaxLength(200);
        SnakeCaseEnum<WebhookDeliveryStatus>.Constrain(delivery, "webhook_deliveries", "status");
    }
}
