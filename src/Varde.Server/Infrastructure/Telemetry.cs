using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Varde.Server.Infrastructure;

/// <summary>OpenTelemetry metrics (meter "Varde" plus ASP.NET Core), scraped at /metrics; console logs without personal data (JSON, or plain lines in the demo and Development).</summary>
public static class Telemetry
{
    public const string MeterName = "Varde";

    /// <param name="builder">The application.</param>
    /// <param name="readableLogs">Plain one-line logs a person reads (the demo, Development); otherwise one JSON object per line, for a log shipper.</param>
    public static IHostApplicationBuilder AddVardeTelemetry(this IHostApplicationBuilder builder, bool readableLogs = false)
    {
        if (readableLogs || builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.IncludeScopes = false;
            });
        else
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        builder.Services.AddSingleton<VardeMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(MeterName)
            // The runtime's own meter: GC collections and pauses, allocated bytes, exceptions, thread pool.
            .AddMeter("System.Runtime")
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }
}

/// <summary>Varde's own instruments. Tags are a closed set of enum values, never identifiers or personal data.</summary>
public sealed class VardeMetrics
{
    private readonly Counter<long> _measurementsRecorded;
    private readonly Counter<long> _accessDenied;
    private readonly Counter<long> _triageReads;
    private readonly Histogram<double> _liveDelay;
    private readonly Histogram<double> _liveReload;
    private readonly Histogram<double> _intakeHold;

    public VardeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterName);
        _measurementsRecorded = meter.CreateCounter<long>("varde.measurements.recorded", "{measurement}", "Measurements stored, by triage outcome");
        _accessDenied = meter.CreateCounter<long>("varde.access.denied", "{request}", "Requests for patient data that were denied");
        _triageReads = meter.CreateCounter<long>("varde.triage.reads", "{patient}",
            "What intake judged a patient's new reports from: the rolling state, or the look-back window (late reports, no state yet)");
        _liveDelay = meter.CreateHistogram<double>("varde.live.delay", "s",
            "From a change's time (stamped in its transaction) to its publishing to this node's open screens: commit, nudge and the outbox read");
        _liveReload = meter.CreateHistogram<double>("varde.live.reload", "s",
            "An open screen's load (part=load) and render (part=render) after the changes it heard");
        _intakeHold = meter.CreateHistogram<double>("varde.intake.hold", "s",
            "An intake transaction's wait for its patients (part=wait: another request held one of them) and the time it held them until commit (part=held)");
    }

    public void MeasurementRecorded(string outcome) => _measurementsRecorded.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void AccessDenied() => _accessDenied.Add(1);

    /// <summary>What judged a patient's new reports: "state" (in order), "state-late" (a little late: the later kept ones judged again) or "window".</summary>
    public void TriageRead(string from) => _triageReads.Add(1, new KeyValuePair<string, object?>("from", from));

    public void LivePublished(TimeSpan sinceChange) => _liveDelay.Record(Math.Max(0, sinceChange.TotalSeconds));

    /// <summary>How long an intake transaction waited for its patients, and then held them until it committed.</summary>
    public void IntakeHeld(TimeSpan wait, TimeSpan held)
    {
        _intakeHold.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("part", "wait"));
        _intakeHold.Record(held.TotalSeconds, new KeyValuePair<string, object?>("part", "held"));
    }

    /// <summary>An open screen ("worklist", "patient") loaded (<paramref name="load"/>) and rendered (<paramref name="render"/>) again after changes.</summary>
    public void LiveReloaded(string screen, TimeSpan load, TimeSpan render)
    {
        _liveReload.Record(load.TotalSeconds, new KeyValuePair<string, object?>("screen", screen), new KeyValuePair<string, object?>("part", "load"));
        _liveReload.Record(render.TotalSeconds, new KeyValuePair<string, object?>("screen", screen), new KeyValuePair<string, object?>("part", "render"));
    }
}
