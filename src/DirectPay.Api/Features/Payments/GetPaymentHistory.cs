using System.Security.Claims;
using System.Text.Json;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payments;

public static class GetPaymentHistory
{
    public sealed record Response(Guid PaymentId, PaymentStatus Status, List<EventResponse> Events);

    /// <param name="Metadata">The payment as it stood right after the event.</param>
    public sealed record EventResponse(int Sequence, string EventType, PaymentStatus? PreviousStatus, PaymentStatus NewStatus,
        DateTimeOffset Timestamp, JsonElement Metadata);

    internal static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.Events).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (!payment.IsVisibleTo(caller)) return Problems.NotFound("payment");

        var events = payment!.Events.OrderBy(e => e.Sequence)
            .Select(e => new EventResponse(e.Sequence, e.EventType, e.PreviousStatus, e.NewStatus, e.OccurredAt, e.Metadata.RootElement))
            .ToList();
        return TypedResults.Ok(new Response(payment.Id, payment.Status, events));
    }
}
