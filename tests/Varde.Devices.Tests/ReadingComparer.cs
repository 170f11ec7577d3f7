namespace Varde.Devices.Tests;

/// <summary>Readings compared by value, notes included (records compare lists by reference).</summary>
internal sealed class ReadingComparer : IEqualityComparer<DeviceReading>
{
    public bool Equals(DeviceReading? x, DeviceReading? y) =>
        x is not null && y is not null && x.Kind == y.Kind && x.Value == y.Value && x.Unit == y.Unit && x.Diastolic == y.Diastolic
        && x.MeanArterial == y.MeanArterial && x.Notes.SequenceEqual(y.Notes);

    public int GetHashCode(DeviceReading obj) => HashCode.Combine(obj.Kind, obj.Value, obj.Unit);
}
