using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Drops root client spans: a database or Redis call that belongs to no request and no payment is a background poll
/// (relay sweep, stream read, settlement check), and a trace of its own each second would bury the payments' traces.
/// Everything under a request or a payment span is kept (the ParentBasedSampler around this follows the parent).
/// </summary>
internal sealed class BackgroundPollSampler : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client
            ? new SamplingResult(SamplingDecision.Drop)
            : new SamplingResult(SamplingDecision.RecordAndSample);
}
