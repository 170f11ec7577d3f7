using Varde.Domain.Access;

namespace Varde.Domain.Tests.Access;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

    /// <summary>Vectors computed outside .NET (Python's hashlib over the documented layout), so the layout is pinned.</summary>
    [Fact]
    public void TheLink_IsSha256OverThePreviousLink_TheLogAndEachFieldWithItsLength()
    {
        var first = AuditChain.Link(AuditChain.Start, "access", ["a", null, "", "Ærlig"]);
        first.ShouldBe("e2b2f7fb33cefbc6d6c56072e5c54a2eed194b8f7c556a667f41f61fc9e69fa8");
        AuditChain.Link(first, "admin", ["x"]).ShouldBe("2cefe69cca41e42923b2d20cc3b68d7d3a4711ce10da3794792d44ae9ecc9097");
    }

    [Fact]
    public void FieldsThatJoinToTheSameText_OrAMissingAndAnEmptyField_GiveDifferentLinks()
    {
        AuditChain.Link(AuditChain.Start, "access", ["ab", "c"]).ShouldNotBe(AuditChain.Link(AuditChain.Start, "access", ["a", "bc"]));
        AuditChain.Link(AuditChain.Start, "access", [null]).ShouldNotBe(AuditChain.Link(AuditChain.Start, "access", [""]));
        AuditChain.Link(AuditChain.Start, "access", ["a"]).ShouldNotBe(AuditChain.Link(AuditChain.Start, "admin", ["a"]));
    }

    [Fact]
    public void AnAccessEntrysLink_ChangesWithEveryField_AndTheLinkBeforeIt()
    {
        var caller = new Caller("nurse-1", Role.Nurse, Guid.Parse("11111111-1111-1111-1111-111111111111"));
        var patient = Guid.Parse("22222222-2222-2222-2222-222222222222");
        var id = Guid.Parse("33333333-3333-3333-3333-333333333333");
        string LinkOf(AccessLogEntry e, string previous = "") => AuditChain.Link(previous == "" ? AuditChain.Start : previous, AuditLogs.Access, e.ChainFields());
        var entry = AccessLogEntry.Create(id, caller, patient, "patient.read", AccessOutcome.Allowed, At, "trace", "GET /api/patients/2222");
        var variants = new[]
        {
            AccessLogEntry.Create(Guid.Parse("44444444-4444-4444-4444-444444444444"), caller, patient, "patient.read", AccessOutcome.Allowed, At, "trace", "GET /api/patients/2222"),
            AccessLogEntry.Create(id, caller with { ActorId = "nurse-2" }, patient, "patient.read", AccessOutcome.Allowed, At, "trace", "GET /api/patients/2222"),
            AccessLogEntry.Create(id, caller with { Role = Role.Gp }, patient, "patient.read", AccessOutcome.Allowed, At, "trace", "GET /api/patients/2222"),
            AccessLogEntry.Create(id, caller, null, "patient.read", AccessOutcome.Allowed, At, "trace", "GET /api/patients/2222"),
            AccessLogEntry.Create(id, caller, patient, "patient.list", AccessOutcome.Allowed, At, "trace", "GET /api/patients/2222"),
            AccessLogEntry.Create(id, caller, patient, "patient.read", AccessOutcome.Denied, At, "trace", "GET /api/patients/2222"),
            AccessLogEntry.Create(id, caller, patient, "patient.read", AccessOutcome.Allowed, At.AddTicks(10), "trace", "GET /api/patients/2222"),
            AccessLogEntry.Create(id, caller, patient, "patient.read", AccessOutcome.Allowed, At, null, "GET /api/patients/2222"),
            AccessLogEntry.Create(id, caller, patient, "patient.read", AccessOutcome.Allowed, At, "trace", "GET /api/patients/2223"),
        };
        variants.Select(v => LinkOf(v)).Append(LinkOf(entry)).Distinct().Count().ShouldBe(variants.Length + 1);
        LinkOf(entry, new string('1', 64)).ShouldNotBe(LinkOf(entry));
    }

    [Fact]
    public void ARequestLongerThanTheLimit_IsCutToIt()
    {
        var entry = AccessLogEntry.Create(Guid.NewGuid(), new Caller("a", Role.Nurse, Guid.NewGuid()), null, AccessLogEntry.PolicyDeniedAction,
            AccessOutcome.Denied, At, null, "GET /fhir/Observation?" + new string('x', 1000));
        entry.Request!.Length.ShouldBe(AccessLogEntry.RequestMaxLength);

        // Never half a surrogate pair: an emoji across the limit is left out whole.
        var emoji = AccessLogEntry.Create(Guid.NewGuid(), new Caller("a", Role.Nurse, Guid.NewGuid()), null, AccessLogEntry.PolicyDeniedAction,
            AccessOutcome.Denied, At, null, new string('x', AccessLogEntry.RequestMaxLength - 1) + "😀" + "y");
        emoji.Request.ShouldBe(new string('x', AccessLogEntry.RequestMaxLength - 1));
    }
}
