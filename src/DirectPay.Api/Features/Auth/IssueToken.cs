using System.ComponentModel.DataAnnotations;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Auth;

public static class IssueToken
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", Handle).AllowAnonymous().WithTags("Auth").RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Exchange email and password for a bearer token (limited per email and IP address, and per IP address)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public sealed record Request([Required, MaxLength(254)] string Email, [Required, MaxLength(128)] string Password);

    public sealed record Response(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt);

    // Verifying against this when the email is unknown keeps both answers equally slow: timing does not reveal accounts.
    // Made by the configured hasher, so it costs what a real account's hash costs.
    private static string? _unknownUserHash;

    internal static async Task<Results<Ok<Response>, ProblemHttpResult, EmptyHttpResult>> Handle(
        Request request, HttpContext http, DirectPayDb db, IPasswordHasher<User> hasher, TokenIssuer tokens, LoginThrottle throttle,
        TimeProvider clock, CancellationToken ct)
    {
        var email = User.NormalizeEmail(request.Email);
        using var attempt = throttle.TryAcquire(email, http.Connection.RemoteIpAddress);
        if (!attempt.IsAcquired)
        {
            await RateLimits.RejectAsync(http, attempt, ct);
            return TypedResults.Empty;
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);
        var verdict = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? (_unknownUserHash ??= hasher.HashPassword(null!, Guid.NewGuid().ToString())),
            request.Password);
        if (user is not { IsActive: true } || verdict == PasswordVerificationResult.Failed)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "The email or password is wrong.");

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(hasher.HashPassword(user, request.Password));
            await db.SaveChangesAsync(ct);
        }
        var (token, expiresAt) = tokens.Issue(user);
        var expiresIn = (int)(expiresAt - clock.GetUtcNow()).TotalSeconds;
        return TypedResults.Ok(new Response(token, "Bearer", expiresIn, expiresAt));
    }
}
