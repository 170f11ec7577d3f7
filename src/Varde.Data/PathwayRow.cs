using System.Buffers;
using System.Text;
using System.Text.Json;
using Varde.Data.Conventions;
using Varde.Domain.Pathways;

namespace Varde.Data;

/// <summary>
/// A pathway's row as the statistics read it, tens of thousands at a time: its dates, end reason, and its history and
/// evaluations as the JSON text stored. <see cref="Steps"/> reads only each step's kind, state and time from the history,
/// without making an object per event, and <see cref="HeldEvaluations"/> reads the evaluations only when one was held.
/// Read-only, mapped to the <c>pathways</c> table as a view (so migrations never create it).
/// </summary>
public sealed class PathwayRow
{
    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public DateTimeOffset ReferredAt { get; private set; }

    public DateTimeOffset? TrialStartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public EndReason? EndReason { get; private set; }

    public string History { get; private set; } = "[]";

    public string Evaluations { get; private set; } = "[]";

    /// <summary>Each step of the history, in order: the step, the state it led to, and when.</summary>
    public static List<(PathwayStep Step, PathwayState State, DateTimeOffset At)> Steps(string history)
    {
        var steps = new List<(PathwayStep, PathwayState, DateTimeOffset)>(8);
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(history.Length));
        try
        {
            ReadSteps(new Utf8JsonReader(utf8.AsSpan(0, Encoding.UTF8.GetBytes(history, utf8))), steps);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }

        return steps;
    }

    private static void ReadSteps(Utf8JsonReader reader, List<(PathwayStep, PathwayState, DateTimeOffset)> steps)
    {
        Span<char> name = stackalloc char[64];
        PathwayStep? step = null;
        PathwayState? state = null;
        DateTimeOffset? at = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    (step, state, at) = (null, null, null);
                    break;
                case JsonTokenType.EndObject:
                    steps.Add((step ?? throw Malformed("step"), state ?? throw Malformed("state"), at ?? throw Malformed("at")));
                    break;
                case JsonTokenType.PropertyName when reader.ValueTextEquals("step"u8):
                    reader.Read();
                    step = Enum.Parse<PathwayStep>(name[..reader.CopyString(name)]);
                    break;
                case JsonTokenType.PropertyName when reader.ValueTextEquals("state"u8):
                    reader.Read();
                    state = Enum.Parse<PathwayState>(name[..reader.CopyString(name)]);
                    break;
                case JsonTokenType.PropertyName when reader.ValueTextEquals("at"u8):
                    reader.Read();
                    at = reader.GetDateTimeOffset();
                    break;
                case JsonTokenType.PropertyName:
                    reader.Skip();
                    break;
            }
        }
    }

    /// <summary>The evaluations that were held (read as the entity reads them), or none without reading the text further.</summary>
    public static IReadOnlyList<Evaluation> HeldEvaluations(string evaluations) =>
        evaluations.Contains("\"heldAt\":\"", StringComparison.Ordinal)
            ? [.. JsonColumn.Read<Evaluation>(evaluations).Where(e => e.HeldAt is not null)]
            : [];

    private static JsonException Malformed(string property) => new($"A pathway history entry has no {property}.");
}
