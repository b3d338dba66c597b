using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

public static class ListRenterLeases
{
    /// <summary>A renter's leases: the renter's own, or any renter's for an admin.</summary>
    internal static async Task<Results<Ok<List<LeaseResponse>>, ProblemHttpResult>> Handle(
        Guid renterId, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        if (!caller.MayAccess(renterId) || !await db.Users.AnyAsync(u => u.Id == renterId && u.Role == UserRole.Renter, ct))
            return Problems.NotFound("renter");
        var leases = await db.WithSchedule().AsNoTracking()
            .Where(l => l.Renters.Any(r => r.RenterId == renterId))
            .OrderByDescending(l => l.StartDate)
            .ToListAsync(ct);
        return TypedResults.Ok(leases.Select(LeaseResponse.From).ToList());
    }
}
