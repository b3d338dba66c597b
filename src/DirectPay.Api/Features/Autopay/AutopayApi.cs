namespace DirectPay.Api.Features.Autopay;

public static class AutopayApi
{
    public static RouteGroupBuilder MapAutopay(this RouteGroupBuilder api)
    {
        var autopay = api.MapGroup("/leases/{id:guid}/autopay").WithTags("Autopay")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        autopay.MapPut("/", SetAutopay.Handle).WithSummary("Turn autopay on or off for your share of the rent (renters on the lease)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        autopay.MapGet("/", GetAutopay.Handle).WithSummary("The lease's autopay settings and attempts, with why any failed");
        return api;
    }
}
