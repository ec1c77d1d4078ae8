package storage

import (
	"strings"
	"testing"
)

// TestJobQueryPlans checks that the job queries run on every press and
// list search an index.
func TestJobQueryPlans(t *testing.T) {
	s := newTestStorage(t)
	for _, c := range []struct {
		name, table, index, q string
		args                  []any
	}{
		{"upcoming", "j", "jobs_state_start", upcomingJobsSQL, []any{ms(t0), 500}},
		{"a member's jobs", "s", "job_signups_member", memberJobsSQL, []any{1, ms(t0)}},
		{"no-shows", "a", "job_attendance_noshow", noShowsSQL, []any{1, ms(t0)}},
		{"seats", "job_signups", "sqlite_autoindex_job_signups_1", `SELECT member_id, state, position FROM job_signups WHERE job_id = ? ORDER BY position, member_id`, []any{1}},
		{"posts", "job_posts", "job_posts_job", `SELECT id FROM job_posts WHERE job_id = ?`, []any{1}},
	} {
		plan := strings.Join(queryPlan(t, s.db, c.q, c.args...), "\n")
		if !strings.Contains(plan, "SEARCH "+c.table+" USING ") || !strings.Contains(plan, c.index) {
			t.Errorf("%s does not search %s with %s:\n%s", c.name, c.table, c.index, plan)
		}
	}
}
