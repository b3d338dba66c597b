namespace DirectPay.Api.Features.Payouts;

public static class PayoutsApi
{
    public static RouteGroupBuilder MapPayouts(this RouteGroupBuilder api)
    {
        api.MapGet("/landlords/{id:guid}/payouts", ListLandlordPayouts.Handle).WithTags("Payouts")
            .WithSummary("A landlord's balance at DirectPay and payouts, newest first, with the lines each carries (the landlord or an admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
