namespace DirectPay.Api.Features.Properties;

public static class PropertiesApi
{
    public static RouteGroupBuilder MapProperties(this RouteGroupBuilder api)
    {
        var properties = api.MapGroup("/properties").WithTags("Properties")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        properties.MapPost("/", CreateProperty.Handle).WithSummary("Add a property you let (landlords)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        properties.MapGet("/{id:guid}", GetProperty.Handle).WithSummary("A property: its landlord's, its renters', or any for an admin")
            .ProducesProblem(StatusCodes.Status404NotFound);
        properties.MapGet("/landlord/{landlordId:guid}", ListLandlordProperties.Handle).WithSummary("A landlord's properties")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
