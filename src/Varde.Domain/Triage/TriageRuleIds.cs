namespace Varde.Domain.Triage;

/// <summary>Stable ids of the triage rules. Bump a rule's version whenever its behaviour changes.</summary>
public static class TriageRuleIds
{
    public const string Threshold = "threshold";
    public const string Plausibility = "plausibility";
    public const string NoThresholds = "no-thresholds";
    public const string SuddenJump = "sudden-jump";
    public const string Change = "change-over-window";
    public const string ConsecutiveYellow = "consecutive-yellow";
    public const string Questionnaire = "questionnaire";
    public const string News2 = "news2";

    public const int ThresholdVersion = 1;
    public const int PlausibilityVersion = 1;
    public const int NoThresholdsVersion = 1;
    public const int SuddenJumpVersion = 2;
    public const int ChangeVersion = 2;
    public const int ConsecutiveYellowVersion = 2;
    public const int QuestionnaireVersion = 1;
    public const int News2Version = 1;
}
