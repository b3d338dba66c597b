
namespace DirectPay.Api.Features.Users;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapPost("/", SignUp.Handle).AllowAnonymous().RequireRateLimiting(Infrastructure.RateLimits.SignIn)
            .WithSummary("Sign up as a landlord or a renter (limited per IP address)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        users.MapGet("/{id:guid}", GetUser.Handle).WithSummary("A user: yourself, or anyone for an admin")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/role/{role}", ListUsersByRole.Handle).RequireAuthorization(Infrastructure.Policies.AdminOnly)
            .WithSummary("All users with a role (admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        users.MapDelete("/{id:guid}", DeactivateUser.Handle).WithSummary("Close an account (yourself, or anyone but an admin for an admin): its tokens stop working")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }
}
