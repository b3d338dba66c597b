using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class PropertyConfiguration : IEntityTypeConfiguration<Property>
{
    public void Configure(EntityTypeBuilder<Property> property)
    {
        property.ToTable("properties");
        property.Property(p => p.Id).ValueGeneratedNever();
        property.HasOne<User>().WithMany().HasForeignKey(p => p.LandlordId).OnDelete(DeleteBehavior.Restrict);
        property.HasIndex(p => p.LandlordId);
        property.Property(p => p.Address).HasMaxLength(200);
        property.Property(p => p.City).HasMaxLength(100);
        property.Property(p => p.State).HasMaxLength(2).IsFixedLength();
        property.Property(p => p.PostalCode).HasMaxLength(10);
        property.Property(p => p.UnitNumber).HasMaxLength(20);
        SnakeCaseEnum<PropertyType>.Constrain(property, "properties", "property_type");
    }
}
