package storage

import (
	"strings"
	"testing"
)

// TestCalendarQueryPlans checks that the calendar's queries search an index:
// the open problems pulled into an agenda, the meeting lists and the
// unreported missed runs.
func TestCalendarQueryPlans(t *testing.T) {
	s := newTestStorage(t)
	now := ms(t0)
	for _, c := range []struct {
		name, table, index, q string
		args                  []any
	}{
		{"open problems", "tickets", "USING INDEX tickets_state_", openProblemsSQL + ` LIMIT ?`, []any{100}},
		{"oldest open", "tickets", "USING INDEX tickets_state_", oldestOpenSQL, []any{5}},
		{"upcoming meetings", "meetings", "meetings_state_start", `SELECT ` + meetingCols + ` FROM meetings
			WHERE state = 'posted' AND starts_at >= ? ORDER BY starts_at, id LIMIT ?`, []any{now, 10}},
		{"missed runs", "calendar_missed", "calendar_missed_unreported", `SELECT id FROM calendar_missed WHERE reported = 0 ORDER BY id LIMIT ?`, []any{200}},
		{"active schedules", "schedules", "schedules_state", `SELECT ` + scheduleCols + ` FROM schedules
			WHERE state IN ('active','paused') AND (? = 0 OR owner_id = ?) ORDER BY id LIMIT ?`, []any{0, 0, 50}},
	} {
		plan := queryPlan(t, s.db, c.q, c.args...)
		text := strings.Join(plan, "\n")
		t.Logf("%s:\n%s", c.name, text)
		if !strings.Contains(text, c.index) {
			t.Errorf("%s does not use index %s:\n%s", c.name, c.index, text)
		}
		for _, line := range plan {
			if strings.HasPrefix(line, "SCAN "+c.table) && !strings.Contains(line, "USING") {
				t.Errorf("%s scans %s:\n%s", c.name, c.table, text)
			}
		}
	}
}
