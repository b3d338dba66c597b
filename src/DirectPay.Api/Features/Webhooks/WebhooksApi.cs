namespace DirectPay.Api.Features.Webhooks;

public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").ProducesProblem(StatusCodes.Status401Unauthorized);
        webhooks.MapPost("/", RegisterWebhook.Handle)
            .WithSummary("Register an endpoint for event types; the answer carries its signing secret, once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        webhooks.MapGet("/", ListWebhooks.Handle).WithSummary("Your endpoints");
        webhooks.MapDelete("/{id:guid}", DeleteWebhook.Handle).WithSummary("Remove one of your endpoints and its deliveries")
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("/{id:guid}/deliveries", ListWebhooks.Deliveries).WithSummary("An endpoint's deliveries and their attempts, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/resend", DeleteWebhook.Resend)
            .WithSummary("Send a delivery again (same event id)").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
