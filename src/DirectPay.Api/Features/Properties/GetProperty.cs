using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Properties;

public static class GetProperty
{
    internal static async Task<Results<Ok<PropertyResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var me = caller.UserId();
        var admin = caller.IsAdmin();
        var property = await db.Properties.AsNoTracking()
            .Where(p => p.Id == id)
            .Where(p => admin || p.LandlordId == me || db.Leases.Any(l => l.PropertyId == p.Id && l.Renters.Any(r => r.RenterId == me)))
            .SingleOrDefaultAsync(ct);
        return property is null ? Problems.NotFound("property") : TypedResults.Ok(PropertyResponse.From(property));
    }
}
