using Varde.Data;
using Varde.Domain.Messages;

namespace Varde.Server.Demo;

/// <summary>
/// The demo's messages, relative to the demo morning: Leif Johansen (the tablet patient) asked something two days ago
/// and got an answer, both read; another patient's question waits for the service on the worklist.
/// </summary>
public static class DemoMessages
{
    public const int WaitingPatientIndex = 3;

    public static void Seed(VardeDbContext db, Guid serviceId, DateTimeOffset now)
    {
        var nurse = DemoIds.For("sykepleier1").ToString();
        var leif = DemoPopulation.All[DemoPopulation.TabletPatientIndex];
        var asked = now.AddDays(-2).AddHours(8);
        var question = Write(leif.Id, serviceId, MessageDirection.FromPatient, "Jeg glemte å veie meg i morges. Skal jeg gjøre det nå i kveld?",
            leif.Id.ToString(), "demo-leif-1", asked);
        var answer = Write(leif.Id, serviceId, MessageDirection.FromService,
            "Hei! Nei, vei deg i morgen tidlig som vanlig, før frokost. Da kan vi sammenligne med de andre dagene.", nurse, "demo-answer-1",
            asked.AddMinutes(20));
        db.Messages.AddRange(question, answer);
        db.MessageReceipts.AddRange(new MessageReceipt(question.Id, nurse, asked.AddMinutes(15)), new MessageReceipt(answer.Id, leif.Id.ToString(), asked.AddMinutes(45)));
        db.MessageHandlings.Add(new MessageHandling(question.Id, MessageHandlingKind.Answered, nurse, answer.SentAt));

        var waiting = DemoPopulation.All[WaitingPatientIndex];
        db.Messages.Add(Write(waiting.Id, serviceId, MessageDirection.FromPatient,
            "Fastlegen har gitt meg nye vanndrivende tabletter. Må planen min endres, eller skal jeg måle som før?", waiting.Id.ToString(),
            "demo-waiting-1", now.AddMinutes(-95)));
    }

    private static PatientMessage Write(Guid patientId, Guid serviceId, MessageDirection direction, string text, string author, string clientId,
        DateTimeOffset at) =>
        PatientMessage.Write(DemoIds.For(clientId), patientId, serviceId, direction, text, clientId, author, null, at).Value;
}
