using Varde.Domain.Access;

namespace Varde.Domain.Exports;

/// <summary>Whose data a bulk export holds: every patient the requester may see, or those of one follow-up service.</summary>
public enum BulkExportLevel
{
    /// <summary><c>GET /fhir/$export</c>: every patient the requester may see, and their data.</summary>
    System,

    /// <summary><c>GET /fhir/Patient/$export</c>: the same patients, their compartments.</summary>
    Patient,

    /// <summary><c>GET /fhir/Group/{service}/$export</c>: the patients of one follow-up service the requester may see.</summary>
    Group,
}

public enum BulkExportState
{
    /// <summary>Asked for and waiting for the export job.</summary>
    Accepted,

    /// <summary>The export job is writing its files.</summary>
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// A FHIR bulk export (the Bulk Data Access kick-off/status/download pattern): who asked, for whom (<see cref="Level"/>,
/// <see cref="GroupId"/>), which resource types, changed since when. The export job writes its NDJSON files
/// (<see cref="BulkExportFile"/>) with the requester's need-to-know, as of the time it was asked for. Files are kept
/// for <see cref="KeptFor"/> after it finished, then deleted with the export.
/// </summary>
public sealed class BulkExport
{
    public const int MaxRequestLength = 2000;

    /// <summary>How long a finished export's files can be downloaded.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>The resource types an export holds, in the order the files come.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes = ["Patient", "CarePlan", "Goal", "Observation", "QuestionnaireResponse", "DetectedIssue"];

    private readonly List<BulkExportFile> _files = [];

    private BulkExport()
    {
        RequestedBy = "";
        Types = "";
        Request = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The actor id of who asked; the export sees what they may see (their role and organisation, as when asked).</summary>
    public string RequestedBy { get; private set; }

    public Role RequesterRole { get; private set; }

    public Guid RequesterOrganisationId { get; private set; }

    public BulkExportLevel Level { get; private set; }

    /// <summary>The follow-up service of a group export.</summary>
    public Guid? GroupId { get; private set; }

    /// <summary>Only resources changed after this time (<c>_since</c>); a Patient resource always comes with its data.</summary>
    public DateTimeOffset? Since { get; private set; }

    /// <summary>The resource types asked for (<c>_type</c>), comma-separated; all of <see cref="ResourceTypes"/> when none were named.</summary>
    public string Types { get; private set; }

    /// <summary>The kick-off request's URL, as the status answer repeats it.</summary>
    public string Request { get; private set; }

    /// <summary>When it was asked for: the export holds what was stored up to this time (the manifest's transactionTime).</summary>
    public DateTimeOffset RequestedAt { get; private set; }

    public BulkExportState State { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Why it failed, without personal data.</summary>
    public string? Error { get; private set; }

    public IReadOnlyList<BulkExportFile> Files => _files;

    public Caller Requester => new(RequestedBy, RequesterRole, RequesterOrganisationId);

    public IReadOnlyList<string> TypeList => Types.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static Validated<BulkExport> Ask(Guid id, Caller requester, BulkExportLevel level, Guid? groupId, DateTimeOffset? since,
        IReadOnlyCollection<string> types, string request, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        if (types.FirstOrDefault(t => !ResourceTypes.Contains(t)) is { } unknown)
            errors.Add(new("_type", $"'{unknown}' is not exported; the types are {string.Join(", ", ResourceTypes)}."));
        if (since > now)
            errors.Add(new("_since", "_since is in the future."));
        if (level == BulkExportLevel.Group != groupId.HasValue)
            errors.Add(new("group", "A group export names its group; the others name none."));
        if (request.Length > MaxRequestLength)
            errors.Add(new("request", $"The request URL is at most {MaxRequestLength} characters."));
        if (errors.Count > 0)
            return Validated<BulkExport>.Fail(errors);
        return Validated<BulkExport>.Ok(new BulkExport
        {
            Id = id,
            RequestedBy = requester.ActorId,
            RequesterRole = requester.Role,
            RequesterOrganisationId = requester.OrganisationId,
            Level = level,
            GroupId = groupId,
            Since = since?.ToUniversalTime(),
            Types = string.Join(',', types.Count == 0 ? ResourceTypes : ResourceTypes.Where(types.Contains)),
            Request = request,
            RequestedAt = now.ToUniversalTime(),
            State = BulkExportState.Accepted,
        });
    }

    /// <summary>The export job takes it on; only a waiting export (the state is the concurrency token, so one job wins).</summary>
    public bool Start()
    {
        if (State != BulkExportState.Accepted)
            return false;
        State = BulkExportState.Running;
        return true;
    }

    /// <summary>Adds the next file while the export is running.</summary>
    public BulkExportFile Add(string resourceType, int count, string content)
    {
        if (State != BulkExportState.Running)
            throw new InvalidOperationException("Files are added while the export runs.");
        var file = BulkExportFile.Of(Id, _files.Count + 1, resourceType, count, content);
        _files.Add(file);
        return file;
    }

    public bool Complete(DateTimeOffset now)
    {
        if (State != BulkExportState.Running)
            return false;
        State = BulkExportState.Completed;
        FinishedAt = now.ToUniversalTime();
        return true;
    }

    public bool Fail(string error, DateTimeOffset now)
    {
        if (State is not (BulkExportState.Accepted or BulkExportState.Running))
            return false;
        State = BulkExportState.Failed;
        Error = error.Length > 500 ? error[..500] : error;
        FinishedAt = now.ToUniversalTime();
        return true;
    }

    /// <summary>The requester calls it off (<c>DELETE</c> on the status URL): a waiting export is not run, a running one stops, a finished one's files go.</summary>
    public void Cancel(DateTimeOffset now)
    {
        _files.Clear();
        if (State is BulkExportState.Accepted or BulkExportState.Running)
            FinishedAt = now.ToUniversalTime();
        State = BulkExportState.Cancelled;
    }

    /// <summary>Whether its files are past <see cref="KeptFor"/> and it can be deleted.</summary>
    public bool IsExpired(DateTimeOffset now) => FinishedAt is { } finished && now - finished > KeptFor;
}

/// <summary>One NDJSON file of a bulk export: the resources of one type, one per line.</summary>
public sealed class BulkExportFile
{
    private BulkExportFile()
    {
        ResourceType = "";
        Content = "";
    }

    public Guid ExportId { get; private set; }

    /// <summary>1, 2, … in the order of the manifest.</summary>
    public int Number { get; private set; }

    public string ResourceType { get; private set; }

    public int Count { get; private set; }

    public string Content { get; private set; }

    public static BulkExportFile Of(Guid exportId, int number, string resourceType, int count, string content) =>
        new() { ExportId = exportId, Number = number, ResourceType = resourceType, Count = count, Content = content };
}
