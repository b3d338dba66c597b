using DirectPay.Audit;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DirectPay.Api.Infrastructure;

/// <summary>The audit log's actor in the api: the request's signed-in user, if any.</summary>
internal sealed class CallerAsAuditActor(IHttpContextAccessor http) : IAuditActor
{
    public Guid? CurrentUserId =>
        Guid.TryParse(http.HttpContext?.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id) ? id : null;
}
