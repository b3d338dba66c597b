using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

public static class ListPropertyLeases
{
    internal static async Task<Results<Ok<List<LeaseResponse>>, ProblemHttpResult>> Handle(
        Guid propertyId, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var landlordId = await db.Properties.Where(p => p.Id == propertyId).Select(p => (Guid?)p.LandlordId).SingleOrDefaultAsync(ct);
        if (landlordId is null || !caller.MayAccess(landlordId.Value)) return Problems.NotFound("property");
        var leases = await db.WithSchedule().AsNoTracking()
            .Where(l => l.PropertyId == propertyId)
            .OrderByDescending(l => l.StartDate)
            .ToListAsync(ct);
        return TypedResults.Ok(leases.Select(LeaseResponse.From).ToList());
    }
}
