using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Autopay;

public static class GetAutopay
{
    /// <param name="PaymentStatus">The status of the payment autopay made, when it made one.</param>
    /// <param name="FailureReason">Why autopay made no payment (the account was missing or deactivated, …).</param>
    public sealed record AttemptResponse(Guid RenterId, string Period, string IdempotencyKey, Guid? PaymentId, PaymentStatus? PaymentStatus,
        string? FailureReason, DateTimeOffset CreatedAt);

    public sealed record Response(Guid LeaseId, List<AutopaySettingResponse> Settings, List<AttemptResponse> Attempts);

    /// <summary>
    /// Autopay on the lease and everything it did, newest first: every renter's for the landlord (and admins), a renter's
    /// own for a renter (a co-renter's accounts and payments are theirs).
    /// </summary>
    internal static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var me = caller.UserId();
        var lease = await db.Leases.AsNoTracking().Include(l => l.Renters).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lease is null || !(caller.IsAdmin() || lease.IsPartyTo(me))) return Problems.NotFound("lease");
        var everyone = caller.IsAdmin() || lease.LandlordId == me;

        var settings = await db.AutopaySettings.AsNoTracking().Where(s => s.LeaseId == id && (everyone || s.RenterId == me))
            .OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var attempts = await (
                from a in db.AutopayAttempts.AsNoTracking().Where(a => a.LeaseId == id && (everyone || a.RenterId == me))
                join p in db.Payments on a.PaymentId equals p.Id into paid
                from p in paid.DefaultIfEmpty()
                orderby a.Period descending, a.RenterId
                select new { a, Status = (PaymentStatus?)p.Status })
            .ToListAsync(ct);
        return TypedResults.Ok(new Response(id, settings.Select(AutopaySettingResponse.From).ToList(), attempts.Select(x =>
            new AttemptResponse(x.a.RenterId, $"{x.a.Period:yyyy-MM}", x.a.IdempotencyKey, x.a.PaymentId, x.Status, x.a.FailureReason,
                x.a.CreatedAt)).ToList()));
    }
}
