using System.Text.Json;
using DirectPay.Domain;

namespace DirectPay.Api.Features.Payments;

public sealed record RefundResponse(Guid Id, Guid PaymentId, decimal Amount, PaymentRail PaymentRailType, RefundStatus Status,
    string? Reason, string? FailureCode, string? FailureReason, Guid RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt, List<RefundResponse.Event> Events)
{
    public sealed record Event(int Sequence, string EventType, RefundStatus? PreviousStatus, RefundStatus NewStatus, DateTimeOffset Timestamp,
        JsonElement Metadata);

    public static RefundResponse From(Refund r) => new(r.Id, r.PaymentId, r.Amount, r.Rail, r.Status, r.Reason, r.FailureCode,
        r.FailureReason, r.RequestedBy, r.CreatedAt, r.UpdatedAt, r.CompletedAt,
        r.Events.OrderBy(e => e.Sequence)
            .Select(e => new Event(e.Sequence, e.EventType, e.PreviousStatus, e.NewStatus, e.OccurredAt, e.Metadata.RootElement))
            .ToList());

    public static string Location(Refund r) => $"/api/v1/payments/{r.PaymentId}/refunds/{r.Id}";
}
