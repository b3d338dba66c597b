using System.Diagnostics.Metrics;
using DirectPay.Data;
using DirectPay.Domain;

namespace DirectPay.Payments;

/// <summary>DirectPay's payment metrics (meter "DirectPay", exported to the dashboard by the service defaults).</summary>
public static class PaymentMetrics
{
    private static readonly Meter Meter = new(DirectPayTelemetry.Name);
    private static readonly Counter<long> Initiated = Meter.CreateCounter<long>("directpay.payments.initiated", "{payment}");
    private static readonly Counter<long> Completed = Meter.CreateCounter<long>("directpay.payments.completed", "{payment}");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("directpay.payments.failed", "{payment}");
    private static readonly Histogram<double> TimeToSettle = Meter.CreateHistogram<double>("directpay.payments.time_to_settle", "s",
        "From initiation to the bank's answer");
    private static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("directpay.stream.dead_letters", "{message}");

    public static void PaymentInitiated(PaymentRail rail) => Initiated.Add(1, Rail(rail));

    public static void PaymentSettled(Payment payment, DateTimeOffset now)
    {
        var rail = Rail(payment.Rail);
        if (payment.Status == PaymentStatus.Completed) Completed.Add(1, rail);
        else Failed.Add(1, rail, new KeyValuePair<string, object?>("failure_code", payment.FailureCode));
        TimeToSettle.Record((now - payment.CreatedAt).TotalSeconds, rail);
    }

    public static void DeadLettered() => DeadLetters.Add(1);

    /// <summary>The stream's pending entries, read by whoever can count them (the worker).</summary>
    public static void ObservePendingEntries(Func<long> pending) =>
        Meter.CreateObservableGauge("directpay.stream.pending", pending, "{message}", "Entries delivered to a worker and not yet acknowledged");

    private static KeyValuePair<string, object?> Rail(PaymentRail rail) => new("rail", SnakeCaseEnum<PaymentRail>.ToText[rail]);
}
