using System.Text.Json;

namespace DirectPay.Bank.Infrastructure;

/// <summary>
/// A JSON body read by the handler, not bound before it: the customer-key filter runs first, so a stranger learns
/// nothing from how a body is refused (as for files).
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Refusal)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType()) return (null, BankProblems.UnsupportedMediaType("Send application/json."));
        try
        {
            return await request.ReadFromJsonAsync<T>(ct) is { } value
                ? (value, null)
                : (null, BankProblems.Unprocessable("body", "send a JSON body", "request"));
        }
        catch (JsonException e)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON",
                detail: e.Path is { Length: > 0 } path ? $"{path}: {e.Message}" : e.Message));
        }
    }
}
