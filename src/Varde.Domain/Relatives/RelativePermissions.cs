namespace Varde.Domain.Relatives;

/// <summary>What a patient lets a relative do. None is no consent (never given, or withdrawn).</summary>
[Flags]
public enum RelativePermissions
{
    None = 0,

    /// <summary>See the patient's values, answers and plan in the patient app.</summary>
    SeeValuesAndPlan = 1,

    /// <summary>Send readings and answers on the patient's behalf; each is marked as sent by the relative. Needs <see cref="SeeValuesAndPlan"/>.</summary>
    SendReports = 2,

    /// <summary>Receive the follow-up service's messages to the patient (the messages themselves come with secure messaging).</summary>
    ReceiveMessages = 4,
}
