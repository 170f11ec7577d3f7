using Varde.Domain.Alerts;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Alerts;

/// <summary>
/// An alert keeps its zone, count, latest and earliest report and reason as reports join, without reading the others
/// (ADR 0021). Whatever the order reports join in, and after reports are judged again or taken out, what it keeps is
/// what its reports say.
/// </summary>
public sealed class AlertKeepsItsSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static AlertMember Member(Random random, int i)
    {
        // Few distinct times, so ties of effective time (and the client id that breaks them) are common.
        var zone = random.Next(4) switch { 0 => TriageOutcome.Red, _ => TriageOutcome.Yellow };
        return new AlertMember(Guid.NewGuid(), $"c{random.Next(5)}-{i}", Now.AddMinutes(random.Next(6) * 10), zone, random.Next(3) == 0,
            $"nb {i}", $"en {i}");
    }

    private static AlertMember Copy(AlertMember m) => new(m.ReportId, m.ClientId, m.EffectiveAt, m.Zone, m.Late, m.ReasonNb, m.ReasonEn);

    private static string Summary(Alert a) =>
        $"{a.Zone}|{a.ReportCount}|{a.LatestEffectiveAt:O}|{a.LatestReportId}|{a.EarliestEffectiveAt:O}|{a.ReasonNb}|{a.ReasonEn}|{a.ReasonEffectiveAt:O}|{a.ReasonClientId}|{a.Late}";

    // What the alert's reports say, worked out here independently of the alert.
    private static string Expected(IReadOnlyList<AlertMember> members)
    {
        var zone = members.Max(m => m.Weight);
        var latest = members.OrderByDescending(m => m.EffectiveAt).ThenByDescending(m => m.ReportId).First();
        var reason = members.Where(m => m.Weight == zone).OrderByDescending(m => m.EffectiveAt).ThenByDescending(m => m.ClientId, StringComparer.Ordinal).First();
        return $"{zone}|{members.Count}|{latest.EffectiveAt:O}|{latest.ReportId}|{members.Min(m => m.EffectiveAt):O}|{reason.ReasonNb}|{reason.ReasonEn}|"
               + $"{reason.EffectiveAt:O}|{reason.ClientId}|{members.All(m => m.Late)}";
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReportsJoiningOneByOne_KeepWhatAllTheReportsSay_InAnyOrder(int seed)
    {
        var random = new Random(seed);
        var members = Enumerable.Range(0, 2 + random.Next(12)).Select(i => Member(random, i)).ToList();

        var alert = Alert.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AlertCategory.Clinical, "measurement:OxygenSaturation", members[0], Now);
        foreach (var m in members.Skip(1))
            alert.Add(m, Now);
        var shuffled = members.OrderBy(_ => random.Next()).Select(Copy).ToList();
        var other = Alert.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AlertCategory.Clinical, "measurement:OxygenSaturation", shuffled[0], Now);
        foreach (var m in shuffled.Skip(1))
            other.Add(m, Now);

        Summary(alert).ShouldBe(Expected(members));
        Summary(other).ShouldBe(Summary(alert));
        alert.Members.ShouldAllBe(m => m.AlertId == alert.Id);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AfterReportsAreJudgedAgainOrTakenOut_ItStillKeepsWhatItsReportsSay(int seed)
    {
        var random = new Random(seed);
        var members = Enumerable.Range(0, 3 + random.Next(10)).Select(i => Member(random, i)).ToList();
        var alert = Alert.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AlertCategory.Clinical, "measurement:OxygenSaturation", members[0], Now);
        foreach (var m in members.Skip(1))
            alert.Add(m, Now);

        var judgedAgain = members[random.Next(members.Count)];
        alert.Rejudged(new AlertMember(judgedAgain.ReportId, judgedAgain.ClientId, judgedAgain.EffectiveAt,
            judgedAgain.Zone == TriageOutcome.Red ? TriageOutcome.Yellow : TriageOutcome.Red, !judgedAgain.Late, "nb again", "en again"), Now);
        var out1 = members[random.Next(members.Count)];
        alert.Remove(out1.ReportId, "moved", Now);
        var late = Member(random, 99);
        alert.Add(late, Now);

        Summary(alert).ShouldBe(Expected(alert.Members));
        alert.ReportCount.ShouldBe(members.Count);
    }

    [Fact]
    public void AReportAlreadyIn_IsJudgedAgain_NotCountedTwice()
    {
        var first = new AlertMember(Guid.NewGuid(), "a", Now, TriageOutcome.Yellow, false, "gul", "yellow");
        var alert = Alert.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AlertCategory.Clinical, "s", first, Now);

        var becameRed = alert.Add(new AlertMember(first.ReportId, "a", Now, TriageOutcome.Red, false, "rød", "red"), Now.AddMinutes(1));

        becameRed.ShouldBeTrue();
        alert.ReportCount.ShouldBe(1);
        alert.Zone.ShouldBe(TriageOutcome.Red);
        alert.RedSince.ShouldBe(Now.AddMinutes(1));
        alert.ReasonNb.ShouldBe("rød");
    }

    [Fact]
    public void ARedJoining_SetsTheEscalationClock_AndALateRedCountsAsYellow()
    {
        var alert = Alert.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), AlertCategory.Clinical, "s",
            new AlertMember(Guid.NewGuid(), "a", Now, TriageOutcome.Yellow, false, "gul", "yellow"), Now);

        alert.Add(new AlertMember(Guid.NewGuid(), "b", Now.AddMinutes(5), TriageOutcome.Red, true, "sen rød", "late red"), Now.AddMinutes(6)).ShouldBeFalse();
        alert.Zone.ShouldBe(TriageOutcome.Yellow);
        alert.RedSince.ShouldBeNull();
        alert.ReasonNb.ShouldBe("sen rød");

        alert.Add(new AlertMember(Guid.NewGuid(), "c", Now.AddMinutes(1), TriageOutcome.Red, false, "rød", "red"), Now.AddMinutes(7)).ShouldBeTrue();
        alert.Zone.ShouldBe(TriageOutcome.Red);
        alert.RedSince.ShouldBe(Now.AddMinutes(7));
        alert.ReasonNb.ShouldBe("rød");
        alert.LatestEffectiveAt.ShouldBe(Now.AddMinutes(5));
        alert.Late.ShouldBeFalse();
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 60)];
}
