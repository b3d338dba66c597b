using System.ComponentModel.DataAnnotations;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Users;

public static class SignUp
{
    public sealed record Request(
        [Required, EmailAddress, MaxLength(254)] string Email,
        [Required, MaxLength(200)] string FullName,
        [Required] UserRole? Role,
        [Required, MinLength(12), MaxLength(128)] string Password);

    internal static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Handle(
        Request request, DirectPayDb db, IPasswordHasher<User> hasher, CancellationToken ct)
    {
        if (request.Role is not (UserRole.Landlord or UserRole.Renter))
            return Problems.Unprocessable("role", "Sign up as landlord or renter; the admin role cannot be self-assigned.");

        var user = new User(Guid.CreateVersion7(), request.Email, request.FullName, request.Role.Value);
        user.SetPasswordHash(hasher.HashPassword(user, request.Password));
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("A user with this email already exists.");
        }
        return TypedResults.Created($"/api/v1/users/{user.Id}", UserResponse.From(user));
    }
}
