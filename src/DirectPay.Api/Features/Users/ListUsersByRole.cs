using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Users;

public static class ListUsersByRole
{
    /// <param name="role">landlord, renter or admin</param>
    internal static async Task<Results<Ok<List<UserResponse>>, ProblemHttpResult>> Handle(
        string role, DirectPayDb db, CancellationToken ct)
    {
        if (!SnakeCaseEnum<UserRole>.FromText.TryGetValue(role, out var wanted))
            return Problems.Invalid("role", "The role is landlord, renter or admin.");

        var users = await db.Users.AsNoTracking()
            .Where(u => u.Role == wanted)
            .OrderBy(u => u.Email)
            .ToListAsync(ct);
        return TypedResults.Ok(users.Select(UserResponse.From).ToList());
    }
}
