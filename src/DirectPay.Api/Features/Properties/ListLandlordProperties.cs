using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Properties;

public static class ListLandlordProperties
{
    internal static async Task<Results<Ok<List<PropertyResponse>>, ProblemHttpResult>> Handle(
        Guid landlordId, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        if (!caller.MayAccess(landlordId) || !await db.Users.AnyAsync(u => u.Id == landlordId && u.Role == UserRole.Landlord, ct))
            return Problems.NotFound("landlord");
        var properties = await db.Properties.AsNoTracking()
            .Where(p => p.LandlordId == landlordId)
            .OrderBy(p => p.CreatedAt)
            .ToListAsync(ct);
        return TypedResults.Ok(properties.Select(PropertyResponse.From).ToList());
    }
}
