using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Varde.Data.Conventions;
using Varde.Data.Identity;
using Varde.Domain.Access;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Services;
using Varde.Domain.Staff;
using Varde.Domain.Triage;

namespace Varde.Data;

/// <summary>Varde's one database: organisations, staff and their logins, device gateways, lent equipment, the administrative audit log, questionnaires and plan templates, patients, plans, reports and their triage, alerts, the outbox, access log, relatives and their consents, emergency accesses and their reviews.</summary>
public sealed class VardeDbContext(DbContextOptions<VardeDbContext> options) : IdentityUserContext<StaffAccount, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection keys (cookies, antiforgery, protected links), shared by every node (ADR 0052).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<TokenKey> TokenKeys => Set<TokenKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<PatientDevice> PatientDevices => Set<PatientDevice>();

    public DbSet<Varde.Domain.Devices.MeasuringDevice> MeasuringDevices => Set<Varde.Domain.Devices.MeasuringDevice>();

    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();

    public DbSet<Varde.Domain.Pathways.Pathway> Pathways => Set<Varde.Domain.Pathways.Pathway>();

    public DbSet<Measurement> Measurements => Set<Measurement>();

    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    public DbSet<AuditSeal> AuditSeals => Set<AuditSeal>();

    public DbSet<QuestionnaireResponse> QuestionnaireResponses => Set<QuestionnaireResponse>();

    public DbSet<ManagedQuestionnaire> Questionnaires => Set<ManagedQuestionnaire>();

    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();

    public DbSet<PlanTemplate> PlanTemplates => Set<PlanTemplate>();

    public DbSet<TriageRecord> TriageRecords => Set<TriageRecord>();

    public DbSet<PatientCareChange> PatientCareChanges => Set<PatientCareChange>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertMember> AlertMembers => Set<AlertMember>();

    public DbSet<MissedReport> MissedReports => Set<MissedReport>();

    public DbSet<ServiceSettings> ServiceSettings => Set<ServiceSettings>();

    public DbSet<PublicHoliday> PublicHolidays => Set<PublicHoliday>();

    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();

    public DbSet<PatientTriageState> TriageStates => Set<PatientTriageState>();

    public DbSet<Varde.Domain.Administration.AdminAuditEntry> AdminAudit => Set<Varde.Domain.Administration.AdminAuditEntry>();

    public DbSet<Varde.Domain.Devices.DeviceGateway> DeviceGateways => Set<Varde.Domain.Devices.DeviceGateway>();

    public DbSet<Varde.Domain.Integrations.BackendSystem> BackendSystems => Set<Varde.Domain.Integrations.BackendSystem>();

    public DbSet<Varde.Domain.Integrations.UsedClientAssertion> UsedClientAssertions => Set<Varde.Domain.Integrations.UsedClientAssertion>();

    public DbSet<GatewayActivityHour> GatewayActivity => Set<GatewayActivityHour>();

    public DbSet<Varde.Domain.Devices.LentEquipment> LentEquipment => Set<Varde.Domain.Devices.LentEquipment>();

    /// <summary>Append-only: every emergency access opened, and every review of one.</summary>
    public DbSet<BreakGlassAccess> BreakGlassAccesses => Set<BreakGlassAccess>();

    public DbSet<BreakGlassReview> BreakGlassReviews => Set<BreakGlassReview>();

    /// <summary>Who was on duty in which follow-up service, and when (signed on and off on the worklist).</summary>
    public DbSet<Varde.Domain.Services.DutyShift> DutyShifts => Set<Varde.Domain.Services.DutyShift>();

    /// <summary>Requests from one follow-up service to take over a patient another follows; append-only.</summary>
    public DbSet<TransferRequest> TransferRequests => Set<TransferRequest>();

    /// <summary>The answers to transfer requests, one each; append-only.</summary>
    public DbSet<TransferDecision> TransferDecisions => Set<TransferDecision>();

    /// <summary>Messages between patients and their follow-up service (append-only), when each was read by the other side, and how each patient's message was handled.</summary>
    public DbSet<Varde.Domain.Messages.PatientMessage> Messages => Set<Varde.Domain.Messages.PatientMessage>();

    public DbSet<Varde.Domain.Messages.MessageReceipt> MessageReceipts => Set<Varde.Domain.Messages.MessageReceipt>();

    public DbSet<Varde.Domain.Messages.MessageHandling> MessageHandlings => Set<Varde.Domain.Messages.MessageHandling>();

    /// <summary>Photos sent with messages, re-encoded without metadata; append-only.</summary>
    public DbSet<Varde.Domain.Messages.MessagePhoto> MessagePhotos => Set<Varde.Domain.Messages.MessagePhoto>();

    public DbSet<Varde.Domain.Relatives.Relative> Relatives => Set<Varde.Domain.Relatives.Relative>();

    /// <summary>Append-only: every consent given, changed or withdrawn.</summary>
    public DbSet<Varde.Domain.Relatives.RelativeConsent> RelativeConsents => Set<Varde.Domain.Relatives.RelativeConsent>();

    /// <summary>What Varde has to tell patients and staff outside the app (reminders, new messages, waiting reds), each with its state.</summary>
    public DbSet<Varde.Domain.Notifications.Notification> Notifications => Set<Varde.Domain.Notifications.Notification>();

    /// <summary>Append-only: every try at delivering a notification.</summary>
    public DbSet<Varde.Domain.Notifications.NotificationAttempt> NotificationAttempts => Set<Varde.Domain.Notifications.NotificationAttempt>();

    /// <summary>Patients' browsers subscribed to Web Push.</summary>
    public DbSet<Varde.Domain.Notifications.PushSubscription> PushSubscriptions => Set<Varde.Domain.Notifications.PushSubscription>();

    /// <summary>The installation's VAPID key pair for Web Push (one row), made at the first start when not configured.</summary>
    public DbSet<WebPushKeys> WebPushKeys => Set<WebPushKeys>();

    /// <summary>Video consultations: who had a seat, when they came, were admitted and left; never what was said or shown.</summary>
    public DbSet<Varde.Domain.Video.VideoCall> VideoCalls => Set<Varde.Domain.Video.VideoCall>();

    /// <summary>FHIR bulk exports asked for, and their NDJSON files until they expire.</summary>
    public DbSet<Varde.Domain.Exports.BulkExport> BulkExports => Set<Varde.Domain.Exports.BulkExport>();

    public DbSet<Varde.Domain.Exports.NationalExportBatch> NationalExportBatches => Set<Varde.Domain.Exports.NationalExportBatch>();

    /// <summary>The files of bulk exports.</summary>
    public DbSet<Varde.Domain.Exports.BulkExportFile> BulkExportFiles => Set<Varde.Domain.Exports.BulkExportFile>();

    /// <summary>Inhabitants by municipality, year, sex and age group (Statistics Norway's table 07459, imported).</summary>
    public DbSet<Varde.Domain.Statistics.PopulationCount> PopulationCounts => Set<Varde.Domain.Statistics.PopulationCount>();

    public DbSet<Varde.Domain.Statistics.PopulationImport> PopulationImports => Set<Varde.Domain.Statistics.PopulationImport>();

    /// <summary>Patients' monthly use of health and care services, from imported registry extracts (benefit tracking).</summary>
    public DbSet<Varde.Domain.Statistics.ServiceUseMonth> ServiceUse => Set<Varde.Domain.Statistics.ServiceUseMonth>();

    /// <summary>Reports received per hour, service and municipality, summarised by a job for the work figures.</summary>
    public DbSet<Varde.Domain.Statistics.ReportHour> ReportHours => Set<Varde.Domain.Statistics.ReportHour>();

    /// <summary>The pathways as the statistics read them (a read-only view of the same table).</summary>
    public DbSet<PathwayRow> PathwayRows => Set<PathwayRow>();

    /// <summary>How far each summary table is complete.</summary>
    public DbSet<SummaryWatermark> SummaryWatermarks => Set<SummaryWatermark>();

    /// <summary>Unit costs of the services benefits are priced by: the installation's defaults and municipalities' own.</summary>
    public DbSet<Varde.Domain.Statistics.Costs.UnitCost> UnitCosts => Set<Varde.Domain.Statistics.Costs.UnitCost>();

    /// <summary>Follow-up services' own costs, month by month.</summary>
    public DbSet<Varde.Domain.Statistics.Costs.ServiceCostMonth> ServiceCosts => Set<Varde.Domain.Statistics.Costs.ServiceCostMonth>();

    /// <summary>The key each follow-up service's municipalities share its costs by.</summary>
    public DbSet<Varde.Domain.Statistics.Costs.CostSharingAgreement> CostSharing => Set<Varde.Domain.Statistics.Costs.CostSharingAgreement>();

    /// <summary>Each follow-up service's user survey: questionnaire, round length, who is asked.</summary>
    public DbSet<Varde.Domain.Surveys.SurveyProgramme> SurveyProgrammes => Set<Varde.Domain.Surveys.SurveyProgramme>();

    /// <summary>Who is asked to answer which survey round, and whether they have (never what they answered).</summary>
    public DbSet<Varde.Domain.Surveys.SurveyInvitation> SurveyInvitations => Set<Varde.Domain.Surveys.SurveyInvitation>();

    /// <summary>Survey answers, without a link to who gave them.</summary>
    public DbSet<Varde.Domain.Surveys.SurveyAnswer> SurveyAnswers => Set<Varde.Domain.Surveys.SurveyAnswer>();

    /// <summary>FHIR subscriptions (R4 backport, rest-hook): who is told about which alerts and readings, and where.</summary>
    public DbSet<Varde.Domain.Subscriptions.FhirSubscription> FhirSubscriptions => Set<Varde.Domain.Subscriptions.FhirSubscription>();

    /// <summary>The notifications of FHIR subscriptions: handshakes, heartbeats and events, each with its tries.</summary>
    public DbSet<Varde.Domain.Subscriptions.SubscriptionNotification> SubscriptionNotifications => Set<Varde.Domain.Subscriptions.SubscriptionNotification>();

    /// <summary>Journal notes for the EHR, one per handled alert, as FHIR documents, with their delivery.</summary>
    public DbSet<Varde.Domain.Journal.JournalNote> JournalNotes => Set<Varde.Domain.Journal.JournalNote>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
            SqliteTypes.Configure(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(VardeDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
    }
}
