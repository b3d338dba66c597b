using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DirectPay.Api.Features.Properties;

public static class CreateProperty
{
    public sealed record Request(
        [Required, MaxLength(200)] string Address,
        [Required, MaxLength(100)] string City,
        [Required, RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "The state is a two-letter code.")] string State,
        [Required, RegularExpression("^[0-9]{5}(-[0-9]{4})?$", ErrorMessage = "The postal code is a ZIP or ZIP+4.")] string PostalCode,
        [MaxLength(20)] string? UnitNumber,
        [Required] PropertyType? PropertyType);

    internal static async Task<Results<Created<PropertyResponse>, ProblemHttpResult>> Handle(
        Request request, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        if (!caller.IsInRole(UserRole.Landlord)) return Problems.Forbidden("Only landlords add properties.");

        var property = new Property(Guid.CreateVersion7(), caller.UserId(), request.Address, request.City, request.State,
            request.PostalCode, request.UnitNumber, request.PropertyType!.Value);
        db.Properties.Add(property);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/properties/{property.Id}", PropertyResponse.From(property));
    }
}
