using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

public static class GetLease
{
    internal static async Task<Results<Ok<LeaseResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var lease = await db.WithSchedule().AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        return lease is not null && (caller.IsAdmin() || lease.IsPartyTo(caller.UserId()))
            ? TypedResults.Ok(LeaseResponse.From(lease))
            : Problems.NotFound("lease");
    }
}
