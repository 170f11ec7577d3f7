using Varde.Server.Auth;
using Varde.Server.Components;
using Varde.Server.Demo;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Audit;
using Varde.Server.Features.BreakGlass;
using Varde.Server.Features.Duty;
using Varde.Server.Features.Fhir;
using Varde.Server.Features.Installation;
using Varde.Server.Features.Journal;
using Varde.Server.Features.NationalExport;
using Varde.Server.Features.Live;
using Varde.Server.Features.Messages;
using Varde.Server.Features.Notifications;
using Varde.Server.Features.Organisations;
using Varde.Server.Features.PatientApp;
using Varde.Server.Features.Patients;
using Varde.Server.Features.PlanTemplates;
using Varde.Server.Features.Questionnaires;
using Varde.Server.Features.Settings;
using Varde.Server.Features.Costs;
using Varde.Server.Features.Statistics;
using Varde.Server.Features.Surveys;
using Varde.Server.Features.Video;
using Varde.Server.Generator;
using Varde.Server.Infrastructure;

// `--demo` seeds demo data; it is a switch, not a configuration key.
var demo = args.Contains("--demo");
// `generate …` writes a synthetic population into the configured database and exits (docs/benchmarks.md).
var generate = args.FirstOrDefault() == "generate";
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = generate ? GenerateCommand.ConfigurationArgs(args[1..])
        : Varde.Server.Operations.BackupCommand.Handles(args) || Varde.Server.Operations.AuditCommand.Handles(args) ? [.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':') && a.Contains('='))]
        : args.Where(a => a != "--demo").ToArray(),
    // Settings and web assets come with the build; the working directory is where data lives (./varde-data/).
    ContentRootPath = AppContext.BaseDirectory,
});
builder.WebHost.UseStaticWebAssets();
// `backup --to DIR` and `restore --from FILE` work on the configured database and exit (docs/operations.md).
if (Varde.Server.Operations.BackupCommand.Handles(args))
{
    Environment.ExitCode = await Varde.Server.Operations.BackupCommand.RunAsync(args, builder.Configuration, Console.Out, TimeProvider.System);
    return;
}

// `audit verify` checks the audit logs against their hash chains and exits (docs/operations.md).
if (Varde.Server.Operations.AuditCommand.Handles(args))
{
    Environment.ExitCode = await Varde.Server.Operations.AuditCommand.RunAsync(args, builder.Configuration, Console.Out);
    return;
}

// The demo brings the stand-in for HelseID and ID-porten, so the real sign-in flow can be tried (ADR 0033).
if (demo && builder.Configuration["Auth:TestProvider:Enabled"] is null)
    builder.Configuration["Auth:TestProvider:Enabled"] = "true";
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080");

builder.Services.AddSingleton(TimeProvider.System);
builder.AddVardeDatabase()
    .AddVardeErrorsAndJson()
    .AddVardeTelemetry(readableLogs: demo)
    .AddVardeHealthChecks()
    .AddVardeAuth()
    .AddSignInRateLimits()
    .AddPatientFeatures()
    .AddAlertFeatures()
    .AddDuty()
    .AddPatientApp()
    .AddMessages()
    .AddNotifications()
    .AddVideo()
    .AddBreakGlass()
    .AddFhir()
    .AddJournal()
    .AddNationalExport()
    .AddLiveUpdates()
    .AddDemo(demo)
    .AddInstallation()
    .AddAdministration()
    .AddAuditChain()
    .AddServiceSettings()
    .AddSecurityHeaders()
    .AddQuestionnaires()
    .AddPlanTemplates()
    .AddStatistics()
    .AddCosts()
    .AddSurveys()
    .AddApiDocument()
    .AddVardeUi();

var app = builder.Build();
app.WarnIfTokensAllowedOverHttp();
try
{
    await StartupLog.TimedAsync(app.Logger, "Preparing the database (migrations)", () => app.Services.MigrateVardeDatabaseAsync());
}
catch (StartupRefusedException e)
{
    await Console.Error.WriteLineAsync("Varde did not start: " + e.Message);
    Environment.ExitCode = 3;
    return;
}

if (generate)
{
    Environment.ExitCode = await GenerateCommand.RunAsync(args[1..], app.Services);
    return;
}

await app.Services.SeedDemoIfEnabledAsync();
await FirstStart.PrepareAsync(app.Services);

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimits();
app.UseVardeLocalization();
app.UseRateLimiter();
app.UseVardeAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapVardeHealthChecks();
app.MapPrometheusScrapingEndpoint().AllowAnonymous();
TokenEndpoint.Map(app);
Varde.Server.Auth.ExternalSignIn.ExternalSignInEndpoints.Map(app);
app.MapPatientFeatures();
app.MapAlertFeatures();
app.MapDuty();
app.MapPatientApp();
app.MapMessages();
app.MapNotifications();
app.MapVideo();
app.MapBreakGlass();
app.MapFhir();
app.MapJournal();
app.MapInstallation();
app.MapAdministration();
app.MapServiceSettings();
app.MapQuestionnaires();
app.MapPlanTemplates();
app.MapStatistics();
app.MapCosts();
app.MapSurveys();
app.MapApiDocument();
app.MapVardeUi();

await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
