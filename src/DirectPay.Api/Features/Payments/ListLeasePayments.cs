using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payments;

public static class ListLeasePayments
{
    public sealed record Page(List<PaymentResponse> Items, int PageNumber, int PageSize, int TotalCount);

    /// <param name="page">1 for the newest payments.</param>
    /// <param name="pageSize">1 to 100; 20 unless given.</param>
    internal static async Task<Results<Ok<Page>, ProblemHttpResult>> Handle(
        Guid leaseId, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct,
        [Range(1, 100_000)] int page = 1, [FromQuery(Name = "page_size"), Range(1, 100)] int pageSize = 20)
    {
        var me = caller.UserId();
        var lease = await db.Leases.AsNoTracking().Include(l => l.Renters).SingleOrDefaultAsync(l => l.Id == leaseId, ct);
        if (lease is null || !(caller.IsAdmin() || lease.IsPartyTo(me))) return Problems.NotFound("lease");

        // The landlord sees every payment on the lease; a renter (of several, with split rent) sees their own.
        var everyone = caller.IsAdmin() || lease.LandlordId == me;
        var payments = db.Payments.AsNoTracking().Where(p => p.LeaseId == leaseId && (everyone || p.PayerId == me));
        var items = await payments.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        return TypedResults.Ok(new Page(items.Select(PaymentResponse.From).ToList(), page, pageSize, await payments.CountAsync(ct)));
    }
}
