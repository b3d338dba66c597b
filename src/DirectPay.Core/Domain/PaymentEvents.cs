using System.Text.Json;

namespace DirectPay.Domain;

/// <summary>One immutable line of a payment's history: what happened, from which status to which, and a snapshot of the payment.</summary>
public sealed class PaymentEvent
{
    private PaymentEvent() { }

    public long Id { get; private set; }
    public Guid PaymentId { get; private set; }
    public int Sequence { get; private set; }
    public string EventType { get; private set; } = "";
    public PaymentStatus? PreviousStatus { get; private set; }
    public PaymentStatus NewStatus { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public JsonDocument Metadata { get; private set; } = null!;
    /// <summary>The user who made this happen (the payer, or an admin's retry or refund); null when DirectPay did.</summary>
    public Guid? ActorId { get; private set; }

    internal static PaymentEvent Initiated(Payment payment, DateTimeOffset now) => new()
    {
        PaymentId = payment.Id,
        Sequence = 1,
        EventType = "payment_initiated",
        PreviousStatus = null,
        NewStatus = payment.Status,
        OccurredAt = now,
        Metadata = Snapshot(payment),
    };

    internal static PaymentEvent Of(Payment payment, string eventType, PaymentStatus previous, int sequence, DateTimeOffset now) => new()
    {
        PaymentId = payment.Id,
        Sequence = sequence,
        EventType = eventType,
        PreviousStatus = previous,
        NewStatus = payment.Status,
        OccurredAt = now,
        Metadata = Snapshot(payment),
    };

    /// <summary>The payment as it stood at the event: ids and amounts, never account numbers (which only the vault holds).</summary>
    private static JsonDocument Snapshot(Payment p) => JsonSerializer.SerializeToDocument(new Dictionary<string, object?>
    {
        ["amount"] = p.Amount,
        ["payment_rail_type"] = Data.SnakeCaseEnum<PaymentRail>.ToText[p.Rail],
        ["lease_id"] = p.LeaseId,
        ["payer_account_id"] = p.PayerAccountId,
        ["payee_account_id"] = p.PayeeAccountId,
        ["period_due_date"] = p.PeriodDueDate,
        ["retry_count"] = p.RetryCount,
        ["refunded_amount"] = p.RefundedAmount,
        ["failure_code"] = p.FailureCode,
        ["failure_reason"] = p.FailureReason,
        ["bank_answer_due_at"] = p.BankAnswerDueAt,
        ["expected_settlement_date"] = p.ExpectedSettlementDate,
        ["trace_number"] = p.TraceNumber,
        ["ach_file_id"] = p.AchFileId,
        ["version"] = p.Version,
    });
}
