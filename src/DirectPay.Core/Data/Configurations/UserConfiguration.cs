using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DirectPay.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.Email).HasMaxLength(254);
        user.HasIndex(u => u.Email).IsUnique();
        user.Property(u => u.FullName).HasMaxLength(200);
        user.HasIndex(u => u.Role);
        SnakeCaseEnum<UserRole>.Constrain(user, "users", "role");
    }
}
