namespace Varde.Devices;

/// <summary>What a Record Access Control Point indication said about a request.</summary>
public enum RecordAccessOutcome
{
    /// <summary>Every record asked for has been sent (as Glucose Measurement notifications before this indication).</summary>
    Completed,
    NoRecordsFound,
    /// <summary>The answer to "report number of stored records": <see cref="RecordAccessAnswer.Count"/>.</summary>
    NumberOfRecords,
    Failed,
}

public sealed record RecordAccessAnswer(RecordAccessOutcome Outcome, int Count = 0, string? Failure = null);

/// <summary>
/// Record Access Control Point 0x2A52 (Glucose service): how the gateway or app fetches the records a meter stored
/// while nobody was listening. Ask for the records after the last sequence number already stored (each record once:
/// the meter's sequence number is part of the reading's client id), write the request with indications on, take the
/// Glucose Measurement notifications, and stop at the response-code indication.
/// Op codes: 1 report stored records, 3 abort, 4 report number of stored records, 5 number response, 6 response code.
/// Operators: 1 all records, 3 greater than or equal to. Filter type 1: sequence number.
/// </summary>
public static class RecordAccessControlPoint
{
    public const ushort Uuid = 0x2A52;

    private const byte ReportStoredRecords = 0x01;
    private const byte Abort = 0x03;
    private const byte ReportNumberOfStoredRecords = 0x04;
    private const byte NumberOfStoredRecordsResponse = 0x05;
    private const byte ResponseCode = 0x06;
    private const byte AllRecords = 0x01;
    private const byte GreaterThanOrEqual = 0x03;
    private const byte SequenceNumberFilter = 0x01;

    private static readonly string[] Failures =
    [
        "", "success", "op code not supported", "invalid operator", "operator not supported", "invalid operand",
        "no records found", "abort unsuccessful", "procedure not completed", "operand not supported",
    ];

    /// <summary>
    /// The request for the records after <paramref name="lastStored"/> (all records when none is stored yet, or when the
    /// last one was 65535 and the meter's counter can only have wrapped).
    /// </summary>
    public static byte[] RequestRecordsAfter(ushort? lastStored)
    {
        if (lastStored is not { } last || last == ushort.MaxValue)
            return [ReportStoredRecords, AllRecords];
        var next = (ushort)(last + 1);
        return [ReportStoredRecords, GreaterThanOrEqual, SequenceNumberFilter, (byte)(next & 0xFF), (byte)(next >> 8)];
    }

    public static byte[] RequestNumberOfRecords() => [ReportNumberOfStoredRecords, AllRecords];

    public static byte[] RequestAbort() => [Abort, 0x00];

    public static RecordAccessAnswer ReadIndication(ReadOnlySpan<byte> value)
    {
        if (value.Length >= 4 && value[0] == NumberOfStoredRecordsResponse && value[1] == 0x00)
            return new RecordAccessAnswer(RecordAccessOutcome.NumberOfRecords, value[2] | (value[3] << 8));
        if (value.Length >= 4 && value[0] == ResponseCode && value[1] == 0x00)
        {
            var code = value[3];
            return code switch
            {
                0x01 => new RecordAccessAnswer(RecordAccessOutcome.Completed),
                0x06 => new RecordAccessAnswer(RecordAccessOutcome.NoRecordsFound),
                _ => new RecordAccessAnswer(RecordAccessOutcome.Failed, Failure:
                    $"the meter answered request {value[2]} with {(code < Failures.Length ? Failures[code] : $"response code {code}")}"),
            };
        }

        return new RecordAccessAnswer(RecordAccessOutcome.Failed, Failure: $"not a record access answer ({Convert.ToHexString(value)})");
    }
}
