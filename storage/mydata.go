package storage

import (
	"fmt"
	"strings"
	"time"
)

// memberRecordSQL are the queries behind a member's copy of their data,
// by section. Each takes the member's id as ?1. Columns named "at" or
// ending in "_at" hold Unix milliseconds and come out as times.
var memberRecordSQL = map[string]string{
	"profile": `SELECT id, name, username, language, tg_language, role, building, unit, registered_at, created_at
		FROM members WHERE id = ?1`,
	"buildings_led": `SELECT building FROM member_buildings WHERE member_id = ?1 ORDER BY building`,
	"role_history":  `SELECT from_role, to_role, buildings, by_id, at FROM role_events WHERE member_id = ?1 ORDER BY id`,
	"private_chat":  `SELECT opened_at FROM private_chats WHERE member_id = ?1`,
	"flow":          `SELECT name, step, data, updated_at FROM flows WHERE user_id = ?1`,
	"tickets_reported": `SELECT id, kind, category, building, text, photos, lat, lon, hide_name, state, resolution,
		created_at, resolved_at, closed_at FROM tickets WHERE reporter_id = ?1 ORDER BY id`,
	"ticket_events": `SELECT ticket_id, action, from_state, to_state, note, at FROM ticket_events
		WHERE ticket_id IN (SELECT id FROM tickets WHERE reporter_id = ?1) OR actor_id = ?1 ORDER BY id`,
	"tickets_followed": `SELECT ticket_id, at FROM ticket_followers WHERE member_id = ?1 ORDER BY ticket_id`,
	"tickets_assigned": `SELECT id, category, building, state, created_at, claimed_at, resolved_at
		FROM tickets WHERE assignee_id = ?1 ORDER BY id`,
	"teams": `SELECT tm.team_id, t.name, tm.lead, tm.joined_at FROM team_members tm JOIN teams t ON t.id = tm.team_id
		WHERE tm.member_id = ?1 ORDER BY tm.team_id`,
	"team_requests": `SELECT r.id, r.team_id, t.name, r.state, r.created_at, r.decided_at FROM team_requests r
		JOIN teams t ON t.id = r.team_id WHERE r.member_id = ?1 ORDER BY r.id`,
	"hours": `SELECT source, ref, team_id, start_at, minutes, logged_at FROM hours WHERE member_id = ?1 ORDER BY start_at, id`,
	"job_signups": `SELECT s.job_id, j.title, j.start_at, s.state, s.position, s.updated_at FROM job_signups s
		JOIN jobs j ON j.id = s.job_id WHERE s.member_id = ?1 ORDER BY j.start_at`,
	"job_attendance": `SELECT job_id, came, marked_at FROM job_attendance WHERE member_id = ?1 ORDER BY job_id`,
	"jobs_organised": `SELECT id, title, place, start_at, end_at, state, created_at FROM jobs WHERE organiser_id = ?1 ORDER BY id`,
	"patrol_duty": `SELECT d.shift_id, s.team_id, s.area, s.start_at, s.end_at, d.state, d.via, d.on_way_at, d.check_in, d.check_out
		FROM patrol_duty d JOIN patrol_shifts s ON s.id = d.shift_id WHERE d.member_id = ?1 ORDER BY s.start_at`,
	"announcements_acked": `SELECT announcement_id, at FROM announcement_acks WHERE member_id = ?1 ORDER BY announcement_id`,
	"announcements_sent": `SELECT id, audience, buildings, team_id, text, state, recipients, created_at, sent_at
		FROM announcements WHERE sender_id = ?1 ORDER BY id`,
	// A visitor's own visits: the household is an id only.
	"care_visits":   `SELECT id, household_id, holiday, year, visited_at, note, ticket_id FROM visits WHERE visited_by = ?1 ORDER BY id`,
	"care_assigned": `SELECT household_id, assigned_at FROM care_visitors WHERE member_id = ?1 ORDER BY household_id`,
	// Staff's reads and changes of the care list, with the household's record.
	"care_log": `SELECT l.household_id, h.name AS household, h.building, h.unit, h.reason, l.action, l.detail, l.at
		FROM care_log l JOIN care_households h ON h.id = l.household_id WHERE l.actor_id = ?1 ORDER BY l.id`,
	// Scheduled notices and meetings.
	"schedules_owned": `SELECT id, kind, spec, what, audience, buildings, team_id, text, ack, meeting_id, state, created_at, updated_at
		FROM schedules WHERE owner_id = ?1 ORDER BY id`,
	"meetings_organised": `SELECT id, title, starts_at, place, agenda, audience, buildings, team_id, state, minutes, created_at
		FROM meetings WHERE organiser_id = ?1 ORDER BY id`,
	"meeting_rsvps": `SELECT v.meeting_id, m.title, m.starts_at, v.coming, v.at FROM meeting_rsvps v
		JOIN meetings m ON m.id = v.meeting_id WHERE v.member_id = ?1 ORDER BY v.meeting_id`,
	// The calendar feed: that there is one and since when (its secret is
	// kept only as a hash, and is not in the copy).
	"calendar_link": `SELECT created_at FROM calendar_links WHERE member_id = ?1`,
	// Stars: what they nominated and why, and their own votes (never counts).
	"star_nominations": `SELECT n.round_id, r.title AS round, n.category, n.candidate_id, c.building AS candidate_building,
		CASE WHEN c.member_id IS NULL THEN NULL ELSE COALESCE(NULLIF(cm.name, ''), '#' || c.member_id) END AS candidate_name,
		n.reason, n.created_at
		FROM star_nominations n JOIN star_rounds r ON r.id = n.round_id JOIN star_candidates c ON c.id = n.candidate_id
		LEFT JOIN members cm ON cm.id = c.member_id WHERE n.nominator_id = ?1 ORDER BY n.id`,
	"star_votes": `SELECT v.round_id, r.title AS round, v.category, v.candidate_id, v.voted_at
		FROM star_votes v JOIN star_rounds r ON r.id = v.round_id WHERE v.voter_id = ?1 ORDER BY v.round_id, v.category`,
	"star_candidacies": `SELECT c.round_id, r.title AS round, c.category, c.shortlisted, c.consent, c.winner
		FROM star_candidates c JOIN star_rounds r ON r.id = c.round_id WHERE c.member_id = ?1 ORDER BY c.id`,
	"pledges": `SELECT p.id, p.period_id, pp.name AS period, p.created_at, p.review, p.reviewed_at, p.comment, p.commented_at
		FROM pledges p JOIN pledge_periods pp ON pp.id = p.period_id WHERE p.member_id = ?1 ORDER BY p.id`,
	"pledge_items": `SELECT i.pledge_id, i.pos, i.text, i.done_at, i.note, i.photo FROM pledge_items i
		JOIN pledges p ON p.id = i.pledge_id WHERE p.member_id = ?1 ORDER BY i.pledge_id, i.pos`,
	"pledge_ratings_given": `SELECT pledge_id, stars, word, created_at FROM pledge_ratings WHERE rater_id = ?1 ORDER BY pledge_id`,
	// Mediation records are confidential: a party learns only that a record
	// names them (its id and date), never its contents.
	"mediation_party": `SELECT d.id AS dispute_id, d.created_at FROM dispute_parties p JOIN disputes d ON d.id = p.dispute_id
		WHERE p.member_id = ?1 GROUP BY d.id ORDER BY d.id`,
	"mediator": `SELECT granted_at FROM mediators WHERE member_id = ?1`,
	// Staff's and mediators' own work on records (in their copy only).
	"mediation_records": `SELECT d.id AS dispute_id, d.building, d.summary, d.outcome, d.outcome_at, d.follow_up,
		d.mediator_id = ?1 AS mediator, d.created_by = ?1 AS created, d.created_at, d.updated_at
		FROM disputes d WHERE d.mediator_id = ?1 OR d.created_by = ?1
		OR d.id IN (SELECT dispute_id FROM dispute_sessions WHERE recorded_by = ?1) ORDER BY d.id`,
	"mediation_sessions": `SELECT dispute_id, held_on, notes, created_at FROM dispute_sessions WHERE recorded_by = ?1 ORDER BY id`,
	// The services desk: their own bookings, and what their applications
	// said and where they stand (never staff's record of them).
	"service_bookings": `SELECT id, service, slot_at, place, state, created_at FROM service_bookings WHERE member_id = ?1 ORDER BY slot_at, id`,
	"service_applications": `SELECT id, service, for_whom, phone, situation, household, step, state, reason, decided_at, created_at
		FROM service_cases WHERE member_id = ?1 ORDER BY id`,
	"service_objections": `SELECT notice_id, text, created_at FROM service_objections WHERE member_id = ?1 ORDER BY id`,
	"audit":              `SELECT action, target, detail, at FROM audit WHERE actor_id = ?1 ORDER BY at, id`,
}

// MemberRecords returns the rows of one section of member's data, each a
// column → value map; times come out in RFC 3339 in loc.
func (t PeopleTx) MemberRecords(section string, member int64, loc *time.Location) ([]map[string]any, error) {
	q, ok := memberRecordSQL[section]
	if !ok {
		return nil, fmt.Errorf("storage: no records section %q", section)
	}
	rows, err := t.q.QueryContext(t.ctx, q, member)
	if err != nil {
		return nil, fmt.Errorf("storage: records %s of %d: %w", section, member, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("storage: records %s of %d: %w", section, member, err)
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("storage: records %s of %d: %w", section, member, err)
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			v := vals[i]
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			if n, ok := v.(int64); ok && (c == "at" || strings.HasSuffix(c, "_at") || c == "check_in" || c == "check_out" || c == "held_on" || c == "follow_up") {
				v = fromMS(n).In(loc).Format(time.RFC3339)
			}
			row[c] = v
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: records %s of %d: %w", section, member, err)
	}
	return out, nil
}
