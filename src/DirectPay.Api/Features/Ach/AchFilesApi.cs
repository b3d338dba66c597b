using DirectPay.Api.Infrastructure;
using Microsoft.OpenApi;

namespace DirectPay.Api.Features.Ach;

public static class AchFilesApi
{
    /// <summary>Files arrive by hand at most this large: 100,000 entries with an addenda each.</summary>
    public const long LargestFile = 20 * 1024 * 1024;

    public static RouteGroupBuilder MapAchFiles(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("/admin/ach/files").WithTags("ACH files").RequireAuthorization(Policies.AdminOnly)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        files.MapGet("/", ListAchFiles.Handle).WithSummary("The NACHA files sent to and received from the bank, newest first")
            .ProducesValidationProblem();
        files.MapGet("/{id:guid}", GetAchFile.Handle)
            .WithSummary("One file: account numbers masked, or its exact bytes with ?unmasked=true (recorded in the audit log)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesProblem(StatusCodes.Status404NotFound);
        // The body is documented, not declared with Accepts: routing would answer a wrong media type with 415 before the
        // caller is authorized, telling anyone the endpoint exists. The handler checks the media type itself.
        files.MapPost("/", ReceiveAchFile.Handle).WithSummary("Apply a return or notification-of-change file received from the bank by hand")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true, Description = "The NACHA file, as the bank gave it.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
                return Task.CompletedTask;
            })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(LargestFile));
        return api;
    }
}
