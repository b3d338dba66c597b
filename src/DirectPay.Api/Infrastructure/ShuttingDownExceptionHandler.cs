using Microsoft.AspNetCore.Diagnostics;

namespace DirectPay.Api.Infrastructure;

/// <summary>
/// A request cut short by the api's own stop (SIGTERM) is answered 503 with Retry-After, not 500: the client is to send
/// it again, with the same Idempotency-Key, to another replica or after the restart. Kestrel cancels the reads of bodies
/// still arriving when it stops (requests it has read are finished); such a request never reached the database.
/// </summary>
internal sealed class ShuttingDownExceptionHandler(IHostApplicationLifetime lifetime, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not OperationCanceledException || !lifetime.ApplicationStopping.IsCancellationRequested) return false;

        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new()
        {
            HttpContext = http,
            ProblemDetails = new()
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is restarting.",
                Detail = "Send the request again with the same Idempotency-Key: one that took effect is answered as it was the first time.",
            },
        });
    }
}
