using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Users;

public static class GetUser
{
    internal static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        if (!caller.MayAccess(id)) return Problems.NotFound("user");
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? Problems.NotFound("user") : TypedResults.Ok(UserResponse.From(user));
    }
}
