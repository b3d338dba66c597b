namespace DirectPay.PaymentWorker;

/// <summary>Log lines that more than one of the worker's steps write, each under its own category.</summary>
internal static partial class PaymentLogs
{
    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} paid {Unapplied} more than its renter owed: left unallocated")]
    public static partial void Unapplied(ILogger logger, Guid paymentId, decimal unapplied);
}
