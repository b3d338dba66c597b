using System.Security.Claims;
using System.Text;
using DirectPay.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DirectPay.Api.Infrastructure;

internal sealed class JwtSettings
{
    public string Issuer { get; set; } = "directpay";
    public string Audience { get; set; } = "directpay-api";
    /// <summary>HMAC-SHA256 key, from the AppHost's jwt-signing-key parameter; never a literal in code.</summary>
    public string SigningKey { get; set; } = "";
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    public SymmetricSecurityKey Key => new(Encoding.UTF8.GetBytes(SigningKey));
}

/// <summary>Authorization policies, by name.</summary>
internal static class Policies
{
    public const string AdminOnly = "admin";
}

internal static class Auth
{
    public static WebApplicationBuilder AddDirectPayAuth(this WebApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        if (jwt.SigningKey.Length < 32)
            throw new InvalidOperationException("Jwt:SigningKey must be at least 32 characters (the AppHost's jwt-signing-key parameter).");

        builder.Services.AddSingleton(jwt);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        // Section "PasswordHasher" (IterationCount: PBKDF2's, 100,000 unless set); hashes carry their own count, so a
        // change applies to new and rehashed passwords. The tests lower it: hashing is not what they test.
        builder.Services.Configure<PasswordHasherOptions>(builder.Configuration.GetSection("PasswordHasher"));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = jwt.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = JwtRegisteredClaimNames.Sub,
                RoleClaimType = "role",
            };
            // A valid signature is not enough: the account must still be open, so a closed account's tokens stop at once.
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context =>
                {
                    var db = context.HttpContext.RequestServices.GetRequiredService<Data.DirectPayDb>();
                    var userId = Guid.TryParse(context.Principal?.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id) ? id : Guid.Empty;
                    if (!await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, context.HttpContext.RequestAborted))
                        context.Fail("The account is closed.");
                },
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.AdminOnly, p => p.RequireRole(UserRoleNames.Admin));
        return builder;
    }

    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub)
            ?? throw new InvalidOperationException("An authenticated request has no subject."));

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(UserRoleNames.Admin);

    public static bool IsInRole(this ClaimsPrincipal principal, UserRole role) => principal.IsInRole(UserRoleNames.Of(role));

    /// <summary>The caller may see data belonging to <paramref name="ownerId"/>.</summary>
    public static bool MayAccess(this ClaimsPrincipal principal, Guid ownerId) => principal.IsAdmin() || principal.UserId() == ownerId;
}

internal static class UserRoleNames
{
    public static readonly string Admin = Of(UserRole.Admin);
    public static string Of(UserRole role) => Data.SnakeCaseEnum<UserRole>.ToText[role];
}

/// <summary>Short-lived bearer tokens carrying only the user's id and role: no email, no name.</summary>
internal sealed class TokenIssuer(JwtSettings settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(User user)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + settings.Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
                ["role"] = UserRoleNames.Of(user.Role),
            },
            SigningCredentials = new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }
}
