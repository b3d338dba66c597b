using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace DirectPay.Api.Infrastructure;

internal static class OpenApi
{
    private const string Bearer = "Bearer";
    private const string DecimalText = "^-?[0-9]+(\\.[0-9]+)?$";

    /// <summary>The document declares the bearer scheme, so Scalar can call the authenticated endpoints with a pasted token.</summary>
    public static WebApplicationBuilder AddDirectPayOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o =>
        {
            // Each use case nests its own "Request": name the schema after the use case (SignUpRequest, CreateLeaseRequest).
            o.CreateSchemaReferenceId = info => info.Type.DeclaringType is { } useCase && !info.Type.IsGenericType
                ? useCase.Name + info.Type.Name
                : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "DirectPay API";
                document.Info.Description = "Rent paid by direct bank-to-bank transfer. Get a token at POST /api/v1/auth/token, then send it as a Bearer token.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The access_token from POST /api/v1/auth/token.",
                };
                return Task.CompletedTask;
            });
            // A request's schema requires what the API requires ([Required]), not every constructor parameter of its record.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && context.JsonTypeInfo.Type.Name.EndsWith("Request", StringComparison.Ordinal)
                    && schema.Required is { Count: > 0 } required)
                {
                    foreach (var property in context.JsonTypeInfo.Properties.Where(p => !IsRequired(p))) required.Remove(property.Name);
                }
                return Task.CompletedTask;
            });
            // A request's decimal is also read from a string (Json.DecimalsFromStrings); answers always send a number.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is null) return Task.CompletedTask;
                var request = context.ParameterDescription is not null;
                foreach (var property in context.JsonTypeInfo.Properties.Where(ReadsNumberFromString))
                {
                    if (!schema.Properties.TryGetValue(property.Name, out var field) || field is not OpenApiSchema number) continue;
                    number.Type = request ? number.Type | JsonSchemaType.String : number.Type & ~JsonSchemaType.String;
                    number.Pattern = request ? DecimalText : null;
                }
                return Task.CompletedTask;
            });
            // MidnightDateConverter hides the date's JSON type from the schema exporter, which keeps only the format.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(DateOnly)) schema.Type = JsonSchemaType.String;
                else if (type == typeof(DateOnly?)) schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
                if (!anonymous)
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    private static bool ReadsNumberFromString(JsonPropertyInfo property) =>
        property.NumberHandling is { } handling && handling.HasFlag(JsonNumberHandling.AllowReadingFromString);

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired
        || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
        || property.AssociatedParameter?.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;
}
