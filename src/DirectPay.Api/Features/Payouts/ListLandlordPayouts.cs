using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payouts;

public static class ListLandlordPayouts
{
    /// <summary>A line of the landlord's balance: a collection (+), a return or refund of one (−), a payout that came back (+).</summary>
    public sealed record ItemResponse(Guid Id, PayoutItemKind Kind, decimal Amount, Guid? PaymentId, Guid? RefundId, Guid? ReturnedPayoutId,
        DateTimeOffset CreatedAt);

    public sealed record PayoutResponse(Guid Id, Guid BankAccountId, DateOnly BusinessDate, decimal Amount, PayoutState Status,
        DateOnly? ExpectedSettlementDate, string? TraceNumber, string? FailureCode, string? FailureReason, DateTimeOffset CreatedAt,
        DateTimeOffset? PaidAt, List<Guid> PaymentIds, List<ItemResponse> Items);

    /// <param name="Balance">What DirectPay holds for the landlord and has not paid out: the open lines' sum (negative when returns came after a payout).</param>
    /// <param name="OpenItems">The lines the next payout carries.</param>
    public sealed record Response(Guid LandlordId, decimal Balance, List<ItemResponse> OpenItems, List<PayoutResponse> Items, int PageNumber,
        int PageSize, int TotalCount);

    /// <param name="page">1 for the newest payouts.</param>
    /// <param name="pageSize">1 to 100; 20 unless given.</param>
    internal static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct,
        [Range(1, 100_000)] int page = 1, [FromQuery(Name = "page_size"), Range(1, 100)] int pageSize = 20)
    {
        if (!caller.MayAccess(id) || !await db.Users.AnyAsync(u => u.Id == id && u.Role == UserRole.Landlord, ct))
            return Problems.NotFound("landlord");

        var open = await db.PayoutItems.AsNoTracking().Where(i => i.LandlordId == id && i.PayoutId == null).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var payouts = db.Payouts.AsNoTracking().Where(p => p.LandlordId == id);
        var pageOf = await payouts.OrderByDescending(p => p.BusinessDate).ThenByDescending(p => p.CreatedAt)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = pageOf.Select(p => p.Id).ToList();
        var carried = (await db.PayoutItems.AsNoTracking().Where(i => i.PayoutId != null && ids.Contains(i.PayoutId.Value)).OrderBy(i => i.CreatedAt)
            .ToListAsync(ct)).ToLookup(i => i.PayoutId!.Value);

        return TypedResults.Ok(new Response(id, Money.Normalize(open.Sum(i => i.Amount)), open.Select(Item).ToList(),
            pageOf.Select(p => new PayoutResponse(p.Id, p.BankAccountId, p.BusinessDate, p.Amount, p.State, p.ExpectedSettlementDate, p.TraceNumber,
                p.FailureCode, p.FailureReason, p.CreatedAt, p.PaidAt,
                carried[p.Id].Where(i => i.Kind == PayoutItemKind.Collection).Select(i => i.PaymentId!.Value).ToList(),
                carried[p.Id].Select(Item).ToList())).ToList(),
            page, pageSize, await payouts.CountAsync(ct)));
    }

    private static ItemResponse Item(PayoutItem i) => new(i.Id, i.Kind, i.Amount, i.PaymentId, i.RefundId, i.ReturnedPayoutId, i.CreatedAt);
}
