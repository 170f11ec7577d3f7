using System.Diagnostics;
using System.Text.Json;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Fhir;

/// <summary>
/// Medplum's <c>MedplumClient</c> and <c>fhir-kit-client</c>, run by Node.js from <c>tests/clients/fhir-clients.mjs</c>
/// against Varde on 127.0.0.1: create, conditional create, read, vread, search with their default page size, paging
/// through <c>next</c> to the end and a transaction, as an integrator's JavaScript would. The script checks each answer
/// against the specification; this test checks that every step ran and what was stored.
/// <c>./test.sh</c> installs the clients (<c>npm ci</c> in tests/clients) first.
/// </summary>
public abstract class JavaScriptClientTests(VardeApp app)
{
    private static readonly (string Client, string Step)[] Steps =
    [
        ("medplum", "create"), ("medplum", "conditional create"), ("medplum", "read"), ("medplum", "vread"), ("medplum", "search"),
        ("medplum", "transaction"), ("medplum", "paging"),
        ("fhir-kit", "metadata"), ("fhir-kit", "create"), ("fhir-kit", "conditional create"), ("fhir-kit", "read"), ("fhir-kit", "vread"),
        ("fhir-kit", "transaction"), ("fhir-kit", "search"), ("fhir-kit", "paging"),
    ];

    [Fact]
    public async Task MedplumAndFhirKit_DoTheirCommonCalls()
    {
        var now = app.Clock.GetUtcNow();
        var patient = await PatientAsync(app, now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();
        var nurse = await app.ClientForAsync("nurse.north");

        var run = await NodeScript.RunAsync("tests/clients/fhir-clients.mjs", new Dictionary<string, string>
        {
            ["VARDE_BASE"] = gateway.BaseAddress!.GetLeftPart(UriPartial.Authority),
            ["VARDE_GATEWAY"] = gateway.DefaultRequestHeaders.Authorization!.Parameter!,
            ["VARDE_NURSE"] = nurse.DefaultRequestHeaders.Authorization!.Parameter!,
            ["VARDE_PATIENT"] = patient.ToString(),
            ["VARDE_NOW"] = now.ToString("O"),
        });

        run.ExitCode.ShouldBe(0, $"the clients stopped: {run.Error}\n{run.Output}");
        var steps = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(step => (step.GetProperty("client").GetString()!, step.GetProperty("step").GetString()!))
            .ToArray();
        steps.ShouldBe(Steps);

        await using var db = app.Database.NewContext();
        db.Measurements.Count(m => m.PatientId == patient).ShouldBe(9);
        db.Alerts.Count(a => a.PatientId == patient && a.Zone == TriageOutcome.Red && a.State == AlertState.Open).ShouldBe(1, "the two red readings join one alert");
    }
}

public sealed class JavaScriptClientOnSqliteTests(KestrelSqliteApp app) : JavaScriptClientTests(app), IClassFixture<KestrelSqliteApp>;

public sealed class JavaScriptClientOnPostgresTests(KestrelPostgresApp app) : JavaScriptClientTests(app), IClassFixture<KestrelPostgresApp>;

/// <summary>Runs a Node.js script of the repository and collects what it printed.</summary>
internal static class NodeScript
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static async Task<Run> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var root = RepositoryRoot();
        var path = Path.Combine(root, script);
        var modules = Path.Combine(Path.GetDirectoryName(path)!, "node_modules");
        if (!Directory.Exists(modules))
            throw new InvalidOperationException($"{modules} is missing: run `npm ci --prefix {Path.GetDirectoryName(script)}` (./test.sh does).");

        var start = new ProcessStartInfo("node", [path]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start (is Node.js installed?)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} ran for more than 2 minutes: {await error}");
        }

        return new Run(process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Varde.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Varde.slnx not found above " + AppContext.BaseDirectory);
    }
}
