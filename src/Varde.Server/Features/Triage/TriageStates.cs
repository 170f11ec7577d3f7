using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>
/// Patients' rolling triage states (ADR 0018) as stored: read for the patients of a request in one query, written in
/// the request's transaction, as compact JSON with short names (a kept report is about 200 bytes).
/// </summary>
public static class TriageStates
{
    /// <summary>A stored state and the row it came from (to write the next version over).</summary>
    public sealed record Held(PatientTriageState Row, TriageState State);

    public static async Task<Dictionary<Guid, Held>> LoadAsync(VardeDbContext db, IReadOnlyCollection<Guid> patientIds, CancellationToken ct) =>
        (await db.TriageStates.Where(s => patientIds.Contains(s.PatientId)).ToListAsync(ct))
            .ToDictionary(s => s.PatientId, s => new Held(s, Read(s.State)));

    /// <summary>Stages the patient's next state: a new row, or the next version of the one read (refused at save if someone wrote it meanwhile).</summary>
    public static void Stage(VardeDbContext db, Guid patientId, Held? held, TriageState state, DateTimeOffset now)
    {
        if (held is null)
        {
            db.TriageStates.Add(new PatientTriageState { PatientId = patientId, Version = 1, UpdatedAt = now, State = Write(state) });
            return;
        }

        held.Row.Version++;
        held.Row.UpdatedAt = now;
        held.Row.State = Write(state);
    }

    public static string Write(TriageState state)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (state.Kept.Count * 200));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("lookbackMinutes", (long)state.Lookback.TotalMinutes);
            w.WriteNumber("runLength", state.RunLength);
            w.WriteNumber("tailMinutes", (long)state.Tail.TotalMinutes);
            w.WriteStartArray("kept");
            foreach (var k in state.Kept)
                WriteKept(w, k);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static TriageState Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var kept = new List<TriagedReport>(root.GetProperty("kept").GetArrayLength());
        foreach (var k in root.GetProperty("kept").EnumerateArray())
            kept.Add(ReadKept(k));
        // A state written before it kept a late tail judges only reports after its newest one.
        var tail = root.TryGetProperty("tailMinutes", out var minutes) ? TimeSpan.FromMinutes(minutes.GetInt64()) : TimeSpan.Zero;
        return new TriageState(kept, TimeSpan.FromMinutes(root.GetProperty("lookbackMinutes").GetInt64()), root.GetProperty("runLength").GetInt32(), tail);
    }

    private static void WriteKept(Utf8JsonWriter w, TriagedReport k)
    {
        var (r, result) = (k.Report, k.Result);
        w.WriteStartObject();
        w.WriteString("i", r.Id);
        w.WriteString("c", r.ClientId);
        w.WriteString("e", Microseconds(r.EffectiveAt));
        w.WriteString("r", Microseconds(r.ReceivedAt));
        if (r.Measurement is { } type)
            w.WriteString("m", type.ToString());
        w.WriteStartArray("v");
        foreach (var v in r.Values)
            w.WriteNumberValue(Normal(v));
        w.WriteEndArray();
        if (r.QuestionnaireId is { } questionnaire)
            w.WriteString("q", questionnaire);
        if (r.QuestionnaireVersion is { } questionnaireVersion)
            w.WriteString("qv", questionnaireVersion);
        if (r.Answers is { } answers)
        {
            w.WriteStartObject("a");
            foreach (var a in answers.Where(a => a.Code is not null))
                w.WriteString(a.LinkId, a.Code);
            w.WriteEndObject();
        }

        if (r.Score is { } score)
            w.WriteNumber("s", Normal(score));
        if (r.Confirmed)
            w.WriteBoolean("f", true);
        if (r.DeviceTime is { } deviceTime)
            w.WriteString("d", Microseconds(deviceTime));
        w.WriteString("o", result.Outcome.ToString());
        if (result.BaseOutcome is { } baseOutcome)
            w.WriteString("b", baseOutcome.ToString());
        w.WriteString("u", result.RuleId);
        w.WriteNumber("n", result.RuleVersion);
        if (result.PlanVersionId is { } planId)
            w.WriteString("p", planId);
        if (result.PlanVersionNumber is { } planNumber)
            w.WriteNumber("pn", planNumber);
        if (result.Late)
            w.WriteBoolean("l", true);
        if (result.UncertainTime)
            w.WriteBoolean("t", true);
        w.WriteEndObject();
    }

    // 80.0 and 80.0000 (as PostgreSQL's numeric column gives it back) are one value, written one way.
    private static decimal Normal(decimal value) => value / 1.0000000000000000000000000000m;

    // The precision PostgreSQL stores times in, so a state reads the same as the reports it was built from.
    private static DateTime Microseconds(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % 10), DateTimeKind.Utc);

    private static TriagedReport ReadKept(JsonElement k)
    {
        string? Text(string name) => k.TryGetProperty(name, out var p) ? p.GetString() : null;
        bool Flag(string name) => k.TryGetProperty(name, out var p) && p.GetBoolean();
        DateTimeOffset Time(JsonElement p) => new(DateTime.SpecifyKind(p.GetDateTime(), DateTimeKind.Utc));

        var values = k.GetProperty("v").EnumerateArray().Select(v => v.GetDecimal()).ToList();
        var answers = k.TryGetProperty("a", out var a) ? a.EnumerateObject().Select(p => new QuestionnaireAnswer(p.Name, p.Value.GetString())).ToList() : null;
        var report = new TriageReport(k.GetProperty("i").GetGuid(), Text("c")!, Time(k.GetProperty("e")), Time(k.GetProperty("r")),
            Text("m") is { } m ? Enum.Parse<MeasurementType>(m) : null, values, Text("q"), answers,
            k.TryGetProperty("s", out var s) ? s.GetDecimal() : null, Flag("f"), k.TryGetProperty("d", out var d) ? Time(d) : null, Text("qv"));
        var result = new TriageResult(Enum.Parse<TriageOutcome>(Text("o")!), Text("u")!, k.GetProperty("n").GetInt32(),
            k.TryGetProperty("p", out var p) ? p.GetGuid() : null, k.TryGetProperty("pn", out var pn) ? pn.GetInt32() : null, [], "", "",
            Text("b") is { } b ? Enum.Parse<TriageOutcome>(b) : null, Flag("l"), Flag("t"));
        return new TriagedReport(report, result);
    }
}
