package summary

import (
	"time"

	"courtyard/storage"
)

// figureFunc gives one figure of the report upward for [from, to).
// recorded is false when the bot keeps no record of that kind yet: the
// summary then says "not recorded", never 0.
type figureFunc func(tx *storage.Tx, from, to time.Time) (value float64, recorded bool, err error)

// figure is one line of /summary: its label (summary.fig.<key>), whether
// its value is hours, and where it comes from.
type figure struct {
	key   string
	hours bool
	get   figureFunc
	// planned: the records carry a time set in advance (a meeting's), so
	// only those whose time has passed by now are counted.
	planned bool
}

// summaryFigures lists /summary's lines in the order a community reports
// them. Each provider's comment names its query (storage/summary.go and
// storage/hours.go keep the SQL).
func summaryFigures() []figure {
	return []figure{
		{key: "problems_received", get: figProblemsReceived},
		{key: "problems_solved", get: figProblemsSolved},
		{key: "wishes_fulfilled", get: figWishesFulfilled},
		{key: "jobs_held", get: figJobsHeld},
		{key: "job_people", get: figJobPeople},
		{key: "job_hours", hours: true, get: figJobHours},
		{key: "patrol_shifts", get: figPatrolShifts},
		{key: "announcements", get: figAnnouncements},
		{key: "notices", get: figNotices},
		{key: "meetings", get: figMeetings, planned: true},
		{key: "decisions", get: figDecisions, planned: true},
		{key: "households_visited", get: figHouseholdsVisited},
		{key: "disputes_settled", get: figDisputesSettled},
		{key: "stars_elected", get: figStarsElected},
		{key: "pledges_kept", get: figPledgesKept},
	}
}

func sum(m map[string]int) float64 {
	n := 0
	for _, v := range m {
		n += v
	}
	return float64(n)
}

// figProblemsReceived: storage.ProblemsReceivedSQL, summed over categories.
func figProblemsReceived(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	m, err := tx.ProblemsReceived(from, to)
	return sum(m), true, err
}

// figProblemsSolved: storage.ProblemsSolvedSQL, summed over categories.
func figProblemsSolved(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	m, err := tx.ProblemsSolved(from, to)
	return sum(m), true, err
}

// figWishesFulfilled: storage.WishesFulfilledSQL.
func figWishesFulfilled(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.WishesFulfilled(from, to)
	return float64(n), true, err
}

// figJobsHeld: SELECT count(DISTINCT ref) FROM hours WHERE source = 'job'
// AND start_at in the period (tx.JobsHeld).
func figJobsHeld(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.JobsHeld(from, to)
	return float64(n), true, err
}

// figJobPeople: storage.VolunteerJobHoursSQL, its distinct people.
func figJobPeople(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	h, err := tx.VolunteerJobHours(from, to)
	return float64(h.People), true, err
}

// figJobHours: storage.VolunteerJobHoursSQL, its minutes / 60.
func figJobHours(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	h, err := tx.VolunteerJobHours(from, to)
	return float64(h.Minutes) / 60, true, err
}

// figAnnouncements: storage.AnnouncementsSentSQL.
func figAnnouncements(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.AnnouncementsSent(from, to)
	return float64(n), true, err
}

// figDisputesSettled: storage.DisputesSettledSQL.
func figDisputesSettled(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.DisputesSettled(from, to)
	return float64(n), true, err
}

// figPatrolShifts: patrol shifts starting in the period that someone
// checked in to: tx.PatrolShiftsWalked.
func figPatrolShifts(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.PatrolShiftsWalked(from, to)
	return float64(n), true, err
}

// figNotices: runs of scheduled notices sent in the period:
// tx.NoticesSent.
func figNotices(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.NoticesSent(from, to)
	return float64(n), true, err
}

// figMeetings: meetings posted (not cancelled) for a time in the period
// that has come: tx.MeetingsHeld.
func figMeetings(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.MeetingsHeld(from, to)
	return float64(n), true, err
}

// figDecisions: decisions recorded at those meetings: tx.MeetingDecisions.
func figDecisions(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.MeetingDecisions(from, to)
	return float64(n), true, err
}

// figHouseholdsVisited: distinct households whose visit was marked done in
// the period: tx.VisitStats.
func figHouseholdsVisited(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	st, err := tx.VisitStats(from, to)
	return float64(st.Households), true, err
}

// figStarsElected: stars announced at rounds closed in the period:
// tx.StarsElected.
func figStarsElected(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.StarsElected(from, to)
	return float64(n), true, err
}

// figPledgesKept: pledge items checked off in the period, whatever period
// they were pledged for: storage.PledgesKeptSQL.
func figPledgesKept(tx *storage.Tx, from, to time.Time) (float64, bool, error) {
	n, err := tx.PledgesKept(from, to)
	return float64(n), true, err
}
