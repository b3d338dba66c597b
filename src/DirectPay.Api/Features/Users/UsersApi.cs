
namespace DirectPay.Api.Features.Users;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapPost("/", SignUp.Handle).AllowAnonymous().WithSummary("Sign up as a landlord or a renter");
        users.MapGet("/{id:guid}", GetUser.Handle).WithSummary("A user: yourself, or anyone for an admin");
        users.MapGet("/role/{role}", ListUsersByRole.Handle).RequireAuthorization(Infrastructure.Auth.AdminOnly)
            .WithSummary("All users with a role (admin)");
        return api;
    }
}
