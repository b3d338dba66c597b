using DirectPay.Domain;

namespace DirectPay.Api.Features.Payments;

public sealed record PaymentResponse(Guid Id, Guid LeaseId, Guid PayerId, Guid PayerAccountId, Guid PayeeId, Guid PayeeAccountId,
    decimal Amount, PaymentRail PaymentRailType, PaymentStatus Status, DateOnly PeriodDueDate, string? FailureCode, string? FailureReason,
    int RetryCount, decimal RefundedAmount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt,
    DateOnly? ExpectedSettlementDate, string? TraceNumber, Guid? AuthorizationId)
{
    public static PaymentResponse From(Payment p) => new(p.Id, p.LeaseId, p.PayerId, p.PayerAccountId, p.PayeeId, p.PayeeAccountId,
        p.Amount, p.Rail, p.Status, p.PeriodDueDate, p.FailureCode, p.FailureReason, p.RetryCount, p.RefundedAmount, p.CreatedAt, p.UpdatedAt, p.CompletedAt,
        p.ExpectedSettlementDate, p.TraceNumber, p.AuthorizationId);
}
