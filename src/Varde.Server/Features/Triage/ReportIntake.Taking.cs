using Varde.Domain.Access;

namespace Varde.Server.Features.Triage;

public sealed partial class ReportIntake
{
    /// <summary>
    /// The reports of the requests taken in together, side by side, and which request each belongs to: a request that is
    /// all or nothing is stopped by its own refusals only.
    /// </summary>
    private sealed class Taking
    {
        private readonly IReadOnlyList<IntakeRequest> _requests;
        private readonly int[] _start;
        private readonly bool[] _leftOut;

        public Taking(IReadOnlyList<IntakeRequest> requests)
        {
            _requests = requests;
            _start = new int[requests.Count + 1];
            for (var r = 0; r < requests.Count; r++)
                _start[r + 1] = _start[r] + requests[r].Reports.Count;
            Incoming = new IncomingReport[_start[^1]];
            Callers = new Caller[_start[^1]];
            AuditedRequests = new string?[_start[^1]];
            for (var r = 0; r < requests.Count; r++)
            {
                for (var k = 0; k < requests[r].Reports.Count; k++)
                {
                    var i = _start[r] + k;
                    Incoming[i] = requests[r].Reports[k];
                    Callers[i] = requests[r].Caller;
                    AuditedRequests[i] = requests[r].AuditedRequest;
                }
            }

            _leftOut = new bool[requests.Count];
        }

        /// <summary>Every report, request after request.</summary>
        public IncomingReport[] Incoming { get; }

        /// <summary>Each report's caller (its request's).</summary>
        public Caller[] Callers { get; }

        /// <summary>Each report's request, as the access log names it.</summary>
        public string?[] AuditedRequests { get; }

        /// <summary>Whether these are the reports of more than one request.</summary>
        public bool Several => _requests.Count > 1;

        /// <summary>Where request <paramref name="r"/>'s reports are: from start, up to but not including end.</summary>
        public (int Start, int End) RangeOf(int r) => (_start[r], _start[r + 1]);

        /// <summary>Leaves out the all-or-nothing requests already refused: their other reports are not attempted.</summary>
        public void LeaveOutStopped(IntakeOutcome?[] outcomes)
        {
            for (var r = 0; r < _requests.Count; r++)
            {
                if (!StoppedBy(r, outcomes))
                    continue;
                _leftOut[r] = true;
                for (var i = _start[r]; i < _start[r + 1]; i++)
                    outcomes[i] ??= new IntakeOutcome.NotAttempted();
            }
        }

        /// <summary>Whether an all-or-nothing request still taken in has a refused report.</summary>
        public bool AnyStopped(IntakeOutcome?[] outcomes) =>
            Enumerable.Range(0, _requests.Count).Any(r => !_leftOut[r] && StoppedBy(r, outcomes));

        /// <summary>
        /// Each request's answers: a refused report keeps its refusal; when a request is all or nothing and one of its
        /// reports is refused, its others are not attempted; what was not reached is not attempted either.
        /// </summary>
        public IReadOnlyList<IntakeOutcome>[] Finish(IntakeOutcome?[] outcomes)
        {
            var answers = new IReadOnlyList<IntakeOutcome>[_requests.Count];
            for (var r = 0; r < _requests.Count; r++)
            {
                var failed = StoppedBy(r, outcomes);
                answers[r] = [.. outcomes[_start[r].._start[r + 1]]
                    .Select(o => o is IntakeOutcome.Refused refused ? refused : failed || o is null ? new IntakeOutcome.NotAttempted() : o)];
            }

            return answers;
        }

        private bool StoppedBy(int r, IntakeOutcome?[] outcomes)
        {
            if (_requests[r].Mode != IntakeMode.AllOrNothing)
                return false;
            for (var i = _start[r]; i < _start[r + 1]; i++)
            {
                if (outcomes[i] is IntakeOutcome.Refused)
                    return true;
            }

            return false;
        }
    }
}
