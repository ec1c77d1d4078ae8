package storage

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// forgetFixture gives member 7 (member 8 is someone else) a row in every
// table that refers to members, in each of its member columns, and in the
// columns that hold a member's id without a declared reference.
const forgetFixture = `
INSERT INTO members (id, name, username, role, building, unit, registered_at, active, created_at) VALUES
	(7, 'Seven', 'seven', 'staff', '1', '101', 1, 1, 1), (8, 'Eight', 'eight', 'resident', '1', '102', 1, 1, 1);
INSERT INTO member_buildings (member_id, building) VALUES (7, '1');
INSERT INTO role_events (member_id, by_id, from_role, to_role, at) VALUES (7, 8, 'resident', 'leader', 1), (8, 7, 'resident', 'leader', 1);
INSERT INTO teams (id, name, lead_id, created_at) VALUES (1, 'Green', 7, 1);
INSERT INTO team_members (team_id, member_id, joined_at, lead) VALUES (1, 7, 1, 1), (1, 8, 1, 0);
INSERT INTO team_requests (team_id, member_id, state, created_at, decided_by, decided_at) VALUES
	(1, 7, 'approved', 1, 8, 2), (1, 8, 'approved', 1, 7, 2), (1, 7, 'pending', 3, NULL, NULL);
INSERT INTO tickets (id, kind, category, building, reporter_id, assignee_id, text, created_at, updated_at) VALUES
	(1, 'report', 'lift', '1', 7, 8, 'stuck', 1, 1), (2, 'report', 'lift', '1', 8, 7, 'stuck', 1, 1);
INSERT INTO ticket_events (ticket_id, actor_id, action, to_state, at) VALUES (1, 7, 'open', 'open', 1);
INSERT INTO ticket_followers (ticket_id, member_id, at) VALUES (2, 7, 1);
INSERT INTO announcements (id, sender_id, audience, created_at) VALUES (1, 7, 'all', 1);
INSERT INTO announcement_acks (announcement_id, member_id, at) VALUES (1, 7, 1);
INSERT INTO hours (member_id, source, ref, start_at, minutes, logged_by, logged_at) VALUES
	(7, 'manual', '', 1, 60, 8, 1), (8, 'manual', '', 1, 60, 7, 1);
INSERT INTO jobs (id, title, slots, start_at, end_at, organiser_id, created_at) VALUES (1, 'Sweep', 2, 1, 2, 7, 1);
INSERT INTO job_signups (job_id, member_id, state, position, updated_at) VALUES (1, 7, 'in', 1, 1);
INSERT INTO job_attendance (job_id, member_id, came, marked_by, marked_at) VALUES (1, 7, 1, 8, 1), (1, 8, 1, 7, 1);
INSERT INTO patrol_templates (id, team_id, spec, minutes, slots, area, rotation, created_by, created_at, updated_at) VALUES
	(1, 1, '0 20 * * *', 60, 2, 'gate', '8,7', 7, 1, 1);
INSERT INTO patrol_shifts (id, template_id, team_id, start_at, end_at, slots, area) VALUES (1, 1, 1, 1, 2, 2, 'gate');
INSERT INTO patrol_duty (shift_id, member_id, state, via, offered, offer_to, updated_at) VALUES
	(1, 7, 'on', 'take', 1, 8, 1), (1, 8, 'on', 'take', 1, 7, 1);
INSERT INTO care_households (id, building, unit, name, reason, created_by, created_at, updated_at) VALUES (1, '1', '103', 'Old Wang', 'alone', 7, 1, 1);
INSERT INTO care_visitors (household_id, member_id, assigned_by, assigned_at) VALUES (1, 7, 8, 1), (1, 8, 7, 1);
INSERT INTO care_log (household_id, actor_id, action, at) VALUES (1, 7, 'read', 1);
INSERT INTO visits (household_id, holiday, year, planned_at, visited_by, visited_at) VALUES (1, 'spring', 2026, 1, 7, 1);
INSERT INTO schedules (id, owner_id, kind, spec, what, audience, created_at, updated_at) VALUES (1, 7, 'cron', '0 9 * * 1', 'notice', 'all', 1, 1);
INSERT INTO meetings (id, organiser_id, title, starts_at, created_at) VALUES (1, 7, 'AGM', 1, 1), (2, 8, 'Tea', 1, 1);
INSERT INTO meeting_rsvps (meeting_id, member_id, coming, at) VALUES (2, 7, 1, 1);
INSERT INTO calendar_links (member_id, secret_hash, created_at) VALUES (7, x'07', 1), (8, x'08', 1);
INSERT INTO star_rounds (id, title, state, audience, nominate_until, vote_from, vote_until, opened_by, opened_at) VALUES
	(1, '2026-02', 'closed', 'all', 1, 1, 1, 7, 1);
INSERT INTO star_candidates (id, round_id, category, member_id, winner) VALUES (1, 1, 'helper', 7, 1), (2, 1, 'helper', 8, 0);
INSERT INTO star_nominations (round_id, category, nominator_id, candidate_id, reason, created_at) VALUES (1, 'helper', 7, 2, 'kind', 1);
INSERT INTO star_votes (round_id, category, voter_id, candidate_id, voted_at) VALUES (1, 'helper', 7, 2, 1);
INSERT INTO pledge_periods (id, name, state, opened_by, opened_at) VALUES (1, 'spring', 'review', 7, 1);
INSERT INTO pledge_allowed (member_id, allowed_by, allowed_at) VALUES (7, 8, 1), (8, 7, 1);
INSERT INTO pledges (id, period_id, member_id, created_at, comment, comment_by) VALUES (1, 1, 7, 1, 'good', 8), (2, 1, 8, 1, 'fine', 7);
INSERT INTO pledge_items (pledge_id, pos, text) VALUES (1, 1, 'plant trees');
INSERT INTO pledge_ratings (pledge_id, rater_id, stars, created_at) VALUES (2, 7, 5, 1);
INSERT INTO mediators (member_id, granted_by, granted_at) VALUES (7, 8, 1), (8, 7, 1);
INSERT INTO disputes (id, summary, mediator_id, created_by, created_at, updated_at) VALUES (1, 'noise', 7, 7, 1, 1), (2, 'dog', 8, 8, 1, 1);
INSERT INTO dispute_parties (dispute_id, pos, member_id, name) VALUES (2, 1, 7, 'Seven'), (2, 2, NULL, 'Mr Li');
INSERT INTO dispute_sessions (dispute_id, held_on, notes, recorded_by, created_at) VALUES (1, 1, 'talked', 7, 1);
INSERT INTO service_bookings (member_id, service, slot_at, place, seat, created_at, updated_at) VALUES (7, 'dibao', 1, 0, 1, 1, 1);
INSERT INTO service_cases (id, service, member_id, phone, created_at, updated_at) VALUES (1, 'dibao', 7, '138', 1, 1);
INSERT INTO service_case_docs (case_id, file_id, created_at) VALUES (1, 'doc', 1);
INSERT INTO audit (at, actor_id, action, target) VALUES (1, 7, 'grant', 'm:8'), (1, 8, 'grant', 'm:7');
INSERT INTO blocked (member_id, by_id, at) VALUES (9, 7, 1);
INSERT INTO ratings (kind, ref, member_id, level, created_at) VALUES ('ticket', 2, 7, 4, 1), ('ticket', 3, 8, 2, 1);
INSERT INTO chats (id, type, linked_by, created_at) VALUES (-100, 'supergroup', 7, 1);
INSERT INTO flows (user_id, name, step, updated_at) VALUES (7, 'report', 'text', 1);
INSERT INTO private_chats (member_id, opened_at) VALUES (7, 1);
INSERT INTO export_requests (chat_id, member_id, lang, from_at, to_at, name, created_at, done_at) VALUES (7, 7, 'en', 1, 2, 'x', 1, 2);
`

// unreferencedMemberColumns hold a member's id without a declared
// reference to members.
var unreferencedMemberColumns = [][2]string{
	{"role_events", "by_id"}, {"ticket_events", "actor_id"}, {"job_attendance", "marked_by"},
	{"care_log", "actor_id"}, {"mediators", "granted_by"}, {"audit", "actor_id"}, {"blocked", "by_id"},
	{"chats", "linked_by"}, {"flows", "user_id"}, {"private_chats", "member_id"}, {"export_requests", "member_id"},
}

// memberColumns lists every column that refers to members, read from the
// schema (PRAGMA foreign_key_list of every table), and the known others.
func memberColumns(t *testing.T, tx *Tx) [][2]string {
	t.Helper()
	rows, err := tx.q.QueryContext(tx.ctx, `SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'members' ORDER BY m.name, f."from"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 40 {
		t.Fatalf("only %d member columns found in the schema: %v", len(out), out)
	}
	return append(out, unreferencedMemberColumns...)
}

func countHolding(t *testing.T, tx *Tx, c [2]string, id int64) int {
	t.Helper()
	var n int
	q := fmt.Sprintf(`SELECT count(*) FROM %q WHERE %q = ?`, c[0], c[1])
	if err := tx.q.QueryRowContext(tx.ctx, q, id).Scan(&n); err != nil {
		t.Fatalf("%s.%s: %v", c[0], c[1], err)
	}
	return n
}

// A member with rows in every table that refers to members is forgotten
// without the safety net: their row is deleted, not emptied, and no column
// that holds a member's id still holds theirs. What others did stays theirs.
func TestForgetLeavesNoReferenceAnywhere(t *testing.T) {
	s := newTestStorage(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	err := s.Update(context.Background(), func(tx *Tx) error {
		if _, err := tx.q.ExecContext(tx.ctx, forgetFixture); err != nil {
			return err
		}
		cols := memberColumns(t, tx)
		for _, c := range cols {
			if countHolding(t, tx, c, 7) == 0 {
				t.Errorf("the fixture has no row with member 7 in %s.%s: add one (and make Forget handle it)", c[0], c[1])
			}
		}
		tomb, err := tx.Forget(7, now)
		if err != nil {
			return err
		}
		if _, err := tx.Member(7); !errors.Is(err, ErrNotFound) {
			t.Errorf("member 7's row was kept (the safety net was needed): %v", err)
		}
		for _, c := range cols {
			if n := countHolding(t, tx, c, 7); n != 0 {
				t.Errorf("%s.%s still holds member 7 in %d rows", c[0], c[1], n)
			}
		}
		var n int
		if err := tx.q.QueryRowContext(tx.ctx, `SELECT count(*) FROM audit WHERE target = 'm:7'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("audit targets still name member 7: %d, %v", n, err)
		}
		if err := tx.q.QueryRowContext(tx.ctx, `SELECT count(*) FROM patrol_templates WHERE ',' || rotation || ',' LIKE '%,7,%'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("a rotation still names member 7: %d, %v", n, err)
		}
		if err := tx.q.QueryRowContext(tx.ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d broken references, %v", n, err)
		}
		// The ledger and history keep their rows, under the tombstone.
		for _, q := range []string{
			`SELECT count(*) FROM tickets WHERE reporter_id = ?1`,
			`SELECT count(*) FROM meetings WHERE organiser_id = ?1`,
			`SELECT count(*) FROM schedules WHERE owner_id = ?1`,
			`SELECT count(*) FROM star_candidates WHERE member_id = ?1 AND winner = 1`,
			`SELECT count(*) FROM pledges WHERE member_id = ?1`,
			`SELECT count(*) FROM disputes WHERE mediator_id = ?1`,
			`SELECT count(*) FROM dispute_parties WHERE member_id = ?1 AND name = ''`,
			`SELECT count(*) FROM hours WHERE member_id = ?1`,
		} {
			if err := tx.q.QueryRowContext(tx.ctx, q, tomb).Scan(&n); err != nil || n != 1 {
				t.Errorf("%s: %d, %v", q, n, err)
			}
		}
		// What is only about them goes; what others gave stays.
		for q, want := range map[string]int{
			`SELECT count(*) FROM star_votes`:                             0,
			`SELECT count(*) FROM pledge_ratings`:                         0,
			`SELECT count(*) FROM meeting_rsvps`:                          0,
			`SELECT count(*) FROM mediators`:                              1,
			`SELECT count(*) FROM pledge_allowed`:                         1,
			`SELECT count(*) FROM dispute_parties WHERE name = 'Mr Li'`:   1,
			`SELECT count(*) FROM star_nominations WHERE reason = 'kind'`: 1,
		} {
			if err := tx.q.QueryRowContext(tx.ctx, q).Scan(&n); err != nil || n != want {
				t.Errorf("%s: %d, want %d (%v)", q, n, want, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
