using DirectPay.Domain;

namespace DirectPay.Api.Features.Users;

/// <summary>A user as the API shows it: never the password hash.</summary>
public sealed record UserResponse(Guid Id, string Email, string FullName, UserRole Role, bool IsActive,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserResponse From(User u) => new(u.Id, u.Email, u.FullName, u.Role, u.IsActive, u.CreatedAt, u.UpdatedAt);
}
