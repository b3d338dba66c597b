using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace DirectPay.Bank.Infrastructure;

/// <summary>Every call to the bank's customer API carries the customer's key (Authorization: Bearer), compared in constant time.</summary>
internal static class CustomerKey
{
    public static RouteGroupBuilder RequireCustomerKey(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var expected = Encoding.UTF8.GetBytes(context.HttpContext.RequestServices.GetRequiredService<IOptions<BankOptions>>().Value.ApiKey);
            var header = context.HttpContext.Request.Headers.Authorization.ToString();
            var given = Encoding.UTF8.GetBytes(header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "");
            if (expected.Length > 0 && CryptographicOperations.FixedTimeEquals(expected, given)) return await next(context);
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "Present the customer's API key as a bearer token.");
        });
}
