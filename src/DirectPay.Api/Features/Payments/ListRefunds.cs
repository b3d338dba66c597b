using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payments;

public static class ListRefunds
{
    /// <summary>A payment's refunds with their events, oldest first (whoever may see the payment).</summary>
    internal static async Task<Results<Ok<List<RefundResponse>>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (!payment.IsVisibleTo(caller)) return Problems.NotFound("payment");
        var refunds = await db.Refunds.AsNoTracking().Include(r => r.Events).Where(r => r.PaymentId == id)
            .OrderBy(r => r.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(refunds.Select(RefundResponse.From).ToList());
    }

    /// <summary>One refund of a payment, with its events.</summary>
    internal static async Task<Results<Ok<RefundResponse>, ProblemHttpResult>> HandleOne(
        Guid id, Guid refundId, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        var refund = await db.Refunds.AsNoTracking().Include(r => r.Events).SingleOrDefaultAsync(r => r.Id == refundId && r.PaymentId == id, ct);
        return refund is not null && payment.IsVisibleTo(caller) ? TypedResults.Ok(RefundResponse.From(refund)) : Problems.NotFound("refund");
    }
}
