using DirectPay.Banking.Nacha;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DirectPay.Bank.Infrastructure;

/// <summary>The bank's refusals, all application/problem+json, naming what is wrong.</summary>
internal static class BankProblems
{
    /// <summary>400: the file cannot be read; the line and the field at fault go with it, and nothing of it is kept.</summary>
    public static ProblemHttpResult Malformed(NachaFormatException e) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file is not a valid NACHA file", detail: e.Message,
            extensions: new Dictionary<string, object?> { ["line"] = e.Line, ["field"] = e.Field });

    /// <summary>422: a readable file or order the customer may not send.</summary>
    public static ProblemHttpResult Unprocessable(string field, string problem, string what = "file") =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: $"The bank does not take this {what}",
            detail: $"{field}: {problem}", extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: detail);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
