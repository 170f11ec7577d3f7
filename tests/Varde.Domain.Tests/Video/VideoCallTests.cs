using Varde.Domain.Video;

namespace Varde.Domain.Tests.Video;

/// <summary>Issue 19 item 3: the seats of a call, the waiting room, when a call starts and ends, and how long its links work.</summary>
public sealed class VideoCallTests
{
    private static readonly DateTimeOffset Opened = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Nurse = Guid.NewGuid();
    private static readonly Guid Gp = Guid.NewGuid();
    private static readonly Guid Specialist = Guid.NewGuid();

    private static VideoCall Call() => VideoCall.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Nurse, Gp, interpreter: true, "ab12", Opened, Specialist);

    private static VideoSeat SeatOf(VideoCall call, VideoRole role) => call.Seats.Single(s => s.Role == role);

    [Fact]
    public void AFullCallHasFiveSeats_TheHostThePatientTheGpASpecialistAndAnInterpreterWithOnlyAHashOfHerLink()
    {
        var call = Call();
        call.Seats.Select(s => s.Role).ShouldBe([VideoRole.Host, VideoRole.Patient, VideoRole.Gp, VideoRole.Specialist, VideoRole.Interpreter]);
        call.Seats.Count.ShouldBe(VideoCall.MaxSeats);
        (SeatOf(call, VideoRole.Host).StaffId, SeatOf(call, VideoRole.Gp).StaffId, SeatOf(call, VideoRole.Specialist).StaffId).ShouldBe((Nurse, Gp, Specialist));
        SeatOf(call, VideoRole.Interpreter).TokenHash.ShouldBe("ab12");
        VideoCall.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Nurse, null, false, null, Opened).Seats.Count.ShouldBe(2);
    }

    [Fact]
    public void TheHostIsInAtOnce_OthersWaitUntilAdmitted_AndTheCallStartsWhenTwoAreIn()
    {
        var call = Call();
        var (host, patient) = (SeatOf(call, VideoRole.Host), SeatOf(call, VideoRole.Patient));

        call.Joined(patient, Opened.AddMinutes(1));
        patient.IsWaiting.ShouldBeTrue();
        call.Joined(host, Opened.AddMinutes(2));
        host.IsIn.ShouldBeTrue();
        call.StartedAt.ShouldBeNull("one person is not a consultation");

        call.Admit(patient, Opened.AddMinutes(3));
        (patient.IsIn, call.StartedAt).ShouldBe((true, Opened.AddMinutes(3)));
        call.Admit(SeatOf(call, VideoRole.Gp), Opened.AddMinutes(4));
        SeatOf(call, VideoRole.Gp).TookPart.ShouldBeFalse("nobody can be let in who has not come");
    }

    [Fact]
    public void WhenTheLastOneLeavesTheCallEnds_WithItsDuration_AndWhoTookPart()
    {
        var call = Call();
        var (host, patient, interpreter) = (SeatOf(call, VideoRole.Host), SeatOf(call, VideoRole.Patient), SeatOf(call, VideoRole.Interpreter));
        call.Joined(host, Opened);
        call.Joined(patient, Opened.AddMinutes(1));
        call.Admit(patient, Opened.AddMinutes(1));
        call.Joined(interpreter, Opened.AddMinutes(2));

        call.Left(patient, Opened.AddMinutes(10));
        call.IsOpen.ShouldBeTrue("the host is still there, the interpreter still waiting");
        call.Left(interpreter, Opened.AddMinutes(11));
        call.Left(host, Opened.AddMinutes(13));

        call.EndedAt.ShouldBe(Opened.AddMinutes(13));
        call.Duration.ShouldBe(TimeSpan.FromMinutes(12));
        call.Seats.Where(s => s.TookPart).Select(s => s.Role).ShouldBe([VideoRole.Host, VideoRole.Patient]);
    }

    [Fact]
    public void TheHostEndsItForEveryone_AndNobodyIsAdmittedAfter()
    {
        var call = Call();
        var (host, patient) = (SeatOf(call, VideoRole.Host), SeatOf(call, VideoRole.Patient));
        call.Joined(host, Opened);
        call.Joined(patient, Opened.AddMinutes(1));
        call.End(Opened.AddMinutes(5));

        (call.IsOpen, host.IsPresent, patient.IsPresent).ShouldBe((false, false, false));
        call.Admit(patient, Opened.AddMinutes(6));
        patient.TookPart.ShouldBeFalse();
    }

    [Fact]
    public void AnAdmittedPersonWhoseConnectionDropped_IsInAgainOnReturn()
    {
        var call = Call();
        var (host, patient) = (SeatOf(call, VideoRole.Host), SeatOf(call, VideoRole.Patient));
        call.Joined(host, Opened);
        call.Joined(patient, Opened);
        call.Admit(patient, Opened);
        call.Left(patient, Opened.AddMinutes(3));
        call.Joined(patient, Opened.AddMinutes(4));
        patient.IsIn.ShouldBeTrue();
    }

    [Fact]
    public void ACallCanBeJoinedForTwelveHoursAfterItWasOpened() =>
        (Call().IsJoinable(Opened.AddHours(11.9)), Call().IsJoinable(Opened.AddHours(12))).ShouldBe((true, false));

    [Fact]
    public void ABookedCall_OpensAQuarterBeforeItsTime_AndCanBeJoinedForTwelveHoursAfterIt()
    {
        var at = Opened.AddDays(2);
        var booked = VideoCall.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Nurse, null, interpreter: false, null, Opened, bookedFor: at);

        booked.JoinsFrom.ShouldBe(at.AddMinutes(-15));
        booked.IsJoinable(Opened).ShouldBeFalse("booked for later");
        booked.IsJoinable(at.AddMinutes(-16)).ShouldBeFalse();
        booked.IsJoinable(at.AddMinutes(-15)).ShouldBeTrue();
        booked.IsJoinable(at.AddHours(11.9)).ShouldBeTrue();
        booked.IsJoinable(at.AddHours(12)).ShouldBeFalse();
    }

    [Fact]
    public void ABookingIsFromNow_AndAtMostNinetyDaysAhead()
    {
        VideoCall.CheckBooking(null, Opened).ShouldBeEmpty("now");
        VideoCall.CheckBooking(Opened.AddSeconds(-30), Opened).ShouldBeEmpty("a minute's grace for the form");
        VideoCall.CheckBooking(Opened.AddDays(90), Opened).ShouldBeEmpty();
        VideoCall.CheckBooking(Opened.AddMinutes(-2), Opened).ShouldHaveSingleItem().Field.ShouldBe("bookedFor");
        VideoCall.CheckBooking(Opened.AddDays(90).AddMinutes(1), Opened).ShouldHaveSingleItem().Field.ShouldBe("bookedFor");
    }
}
