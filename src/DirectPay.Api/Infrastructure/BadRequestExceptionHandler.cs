using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace DirectPay.Api.Infrastructure;

/// <summary>
/// Turns a body the framework could not read (bad JSON, wrong types, unknown fields, wrong content type, too large)
/// into a 4xx problem naming the field. The exception's own message names .NET types, so it is not passed on.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;

        http.Response.StatusCode = bad.StatusCode;
        var problem = bad.InnerException is JsonException json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json.Path)] = [Describe(json)] })
            : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        problem.Status = bad.StatusCode;
        problem.Title = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be application/json.",
            _ => "The request could not be read.",
        };
        problem.Detail = bad.InnerException is JsonException ? "The JSON body is malformed or has a value of the wrong type." : null;
        return await problems.TryWriteAsync(new() { HttpContext = http, ProblemDetails = problem });
    }

    /// <summary>"$.payment_rail_type" → "payment_rail_type"; "$" (the body as a whole) → "body".</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(JsonException json) =>
        json is RefusedValueException ? json.Message
        : json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "This field is not part of the request."
        : json.Path is null or "$" ? "The body is not a valid JSON object for this request."
        : "The value is not valid for this field.";
}
