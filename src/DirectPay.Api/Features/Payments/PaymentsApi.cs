namespace DirectPay.Api.Features.Payments;

public static class PaymentsApi
{
    public static RouteGroupBuilder MapPayments(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        payments.MapPost("/", CreatePayment.Handle)
            .WithSummary("Pay rent (renters): idempotent by the Idempotency-Key header, or idempotency_key in the body")
            .Produces<PaymentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        payments.MapGet("/{id:guid}", GetPayment.Handle).WithSummary("A payment (its payer, its payee, or an admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        payments.MapGet("/{id:guid}/history", GetPaymentHistory.Handle).WithSummary("A payment's events, in order")
            .ProducesProblem(StatusCodes.Status404NotFound);
        payments.MapGet("/{id:guid}/authorization", GetPaymentAuthorization.Handle)
            .WithSummary("What the payer agreed to for the payment: text, version, time, address and user agent (the payer or an admin)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        payments.MapGet("/lease/{leaseId:guid}", ListLeasePayments.Handle).WithSummary("A lease's payments, newest first, a page at a time")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        payments.MapPost("/{id:guid}/retry", RetryPayment.Handle).WithSummary("Try a failed payment again (retryable failures, at most 3 times)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        payments.MapPost("/{id:guid}/refunds", RefundPayment.Handle)
            .WithSummary("Refund all or part of a completed payment (its landlord or an admin): idempotent like payments")
            .Produces<RefundResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        payments.MapGet("/{id:guid}/refunds", ListRefunds.Handle).WithSummary("A payment's refunds with their events")
            .ProducesProblem(StatusCodes.Status404NotFound);
        payments.MapGet("/{id:guid}/refunds/{refundId:guid}", ListRefunds.HandleOne).WithSummary("One refund with its events")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
