using System.Diagnostics;

namespace DirectPay.PaymentWorker;

internal static class PaymentTrace
{
    /// <summary>A span in the trace the payment's POST started, so the dashboard shows one trace per payment.</summary>
    public static Activity? Continue(string name, string? traceParent, Guid paymentId)
    {
        ActivityContext.TryParse(traceParent, null, out var parent);
        var activity = DirectPayTelemetry.Source.StartActivity(name, ActivityKind.Consumer, parent);
        activity?.SetTag("payment.id", paymentId);
        return activity;
    }
}
