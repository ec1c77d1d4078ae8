package storage

import (
	"fmt"
	"strconv"
	"time"
)

// RetentionTombstone is the member that tickets stripped after the
// retention time point to as their reporter.
const RetentionTombstone int64 = -1

// newTombstone adds a member row with no personal data, marked forgotten,
// with a new negative id (Telegram's user ids are positive) that tells
// nothing about the person it replaces.
func (t PeopleTx) newTombstone(id int64, now time.Time) (int64, error) {
	if id == 0 {
		if err := t.q.QueryRowContext(t.ctx, `SELECT MIN(-1, COALESCE(MIN(id), 0)) - 1 FROM members WHERE id < 0`).Scan(&id); err != nil {
			return 0, fmt.Errorf("storage: tombstone id: %w", err)
		}
	}
	_, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO members (id, active, created_at, forgotten_at) VALUES (?, 0, ?, ?)`,
		id, ms(now), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: tombstone: %w", err)
	}
	return id, nil
}

// forgetMoves are the records kept for the ledger: they move to the
// tombstone. Each statement takes (tombstone, member).
var forgetMoves = []string{
	`UPDATE tickets SET reporter_id = ?1, hide_name = 1 WHERE reporter_id = ?2`,
	`UPDATE tickets SET assignee_id = ?1 WHERE assignee_id = ?2`,
	`UPDATE ticket_events SET actor_id = ?1 WHERE actor_id = ?2`,
	`UPDATE hours SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE hours SET logged_by = ?1 WHERE logged_by = ?2`,
	`UPDATE job_attendance SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE job_attendance SET marked_by = ?1 WHERE marked_by = ?2`,
	`UPDATE job_signups SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE jobs SET organiser_id = ?1 WHERE organiser_id = ?2`,
	`UPDATE patrol_duty SET member_id = ?1, offered = 0, offer_to = NULL WHERE member_id = ?2`,
	`UPDATE patrol_duty SET offer_to = NULL, offered = 0 WHERE offer_to = ?2`,
	`UPDATE patrol_templates SET created_by = ?1 WHERE created_by = ?2`,
	`UPDATE role_events SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE role_events SET by_id = ?1 WHERE by_id = ?2`,
	`UPDATE team_requests SET member_id = ?1 WHERE member_id = ?2 AND state <> 'pending'`,
	`UPDATE team_requests SET decided_by = ?1 WHERE decided_by = ?2`,
	`UPDATE announcements SET sender_id = ?1 WHERE sender_id = ?2`,
	`UPDATE care_households SET created_by = ?1 WHERE created_by = ?2`,
	`UPDATE care_visitors SET assigned_by = ?1 WHERE assigned_by = ?2`,
	`UPDATE care_log SET actor_id = ?1 WHERE actor_id = ?2`,
	`UPDATE visits SET visited_by = ?1 WHERE visited_by = ?2`,
	`UPDATE audit SET actor_id = ?1 WHERE actor_id = ?2`,
	`UPDATE audit SET target = 'm:' || ?1 WHERE target = 'm:' || ?2`,
	`UPDATE blocked SET by_id = ?1 WHERE by_id = ?2`,
	`UPDATE chats SET linked_by = ?1 WHERE linked_by = ?2`,
	// Scheduled notices and meetings keep their owner for the record.
	`UPDATE schedules SET owner_id = ?1 WHERE owner_id = ?2`,
	`UPDATE meetings SET organiser_id = ?1 WHERE organiser_id = ?2`,
	// Stars: a nomination stays (the candidate's support) without its
	// nominator; a candidate or winner shows as removed; rounds and periods
	// keep who opened them; pledges (items, reviews) stay as history.
	`UPDATE star_nominations SET nominator_id = ?1 WHERE nominator_id = ?2`,
	`UPDATE star_candidates SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE star_rounds SET opened_by = ?1 WHERE opened_by = ?2`,
	`UPDATE pledge_periods SET opened_by = ?1 WHERE opened_by = ?2`,
	`UPDATE pledge_allowed SET allowed_by = ?1 WHERE allowed_by = ?2`,
	`UPDATE pledges SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE pledges SET comment_by = ?1 WHERE comment_by = ?2`,
	// Proposals stay, without their proposer's name; a support stays
	// counted without the person.
	`UPDATE proposals SET member_id = ?1, hide_name = 1 WHERE member_id = ?2`,
	`UPDATE OR IGNORE proposal_supports SET member_id = ?1 WHERE member_id = ?2`,
	`DELETE FROM proposal_supports WHERE member_id = ?2`,
	// A poll's vote is the household's or the person's: the person's own
	// goes with them.
	`DELETE FROM poll_votes WHERE member_id = ?2 AND voter LIKE 'm:%'`,
	`UPDATE poll_votes SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE polls SET created_by = ?1 WHERE created_by = ?2`,
	// A rating stays in the figures without its rater (a second forgotten
	// rater of the same thing cannot share the tombstone: theirs goes).
	`UPDATE OR IGNORE ratings SET member_id = ?1 WHERE member_id = ?2`,
	`DELETE FROM ratings WHERE member_id = ?2`,
	// Mediation: a party's name goes from the record (it shows as removed);
	// mediators and writers of records move to the tombstone.
	`UPDATE dispute_parties SET member_id = ?1, name = '' WHERE member_id = ?2`,
	`UPDATE disputes SET mediator_id = ?1 WHERE mediator_id = ?2`,
	`UPDATE disputes SET created_by = ?1 WHERE created_by = ?2`,
	`UPDATE dispute_sessions SET recorded_by = ?1 WHERE recorded_by = ?2`,
	`UPDATE mediators SET granted_by = ?1 WHERE granted_by = ?2`,
	// The services desk: counts stay; an application loses what it said
	// about the household and its document photos; an objection its author.
	`DELETE FROM service_case_docs WHERE case_id IN (SELECT id FROM service_cases WHERE member_id = ?2)`,
	`UPDATE service_cases SET member_id = ?1, for_whom = '', phone = '', situation = '', voice_file = '' WHERE member_id = ?2`,
	`UPDATE service_cases SET assignee_id = ?1 WHERE assignee_id = ?2`,
	`UPDATE service_case_log SET actor_id = ?1 WHERE actor_id = ?2`,
	`UPDATE service_bookings SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE service_objections SET member_id = ?1 WHERE member_id = ?2`,
	`UPDATE service_notices SET created_by = ?1 WHERE created_by = ?2`,
	`UPDATE teams SET lead_id = (SELECT MIN(member_id) FROM team_members WHERE team_id = teams.id AND lead = 1 AND member_id <> ?2)
		WHERE lead_id = ?2`,
	// What is only about the person goes.
	`DELETE FROM ticket_followers WHERE member_id = ?2`,
	`DELETE FROM team_requests WHERE member_id = ?2`,
	`DELETE FROM team_members WHERE member_id = ?2`,
	`DELETE FROM member_buildings WHERE member_id = ?2`,
	`DELETE FROM announcement_acks WHERE member_id = ?2`,
	`DELETE FROM care_visitors WHERE member_id = ?2`,
	`DELETE FROM meeting_rsvps WHERE member_id = ?2`,
	`DELETE FROM calendar_links WHERE member_id = ?2`,
	`DELETE FROM star_votes WHERE voter_id = ?2`,
	`DELETE FROM pledge_ratings WHERE rater_id = ?2`,
	`DELETE FROM pledge_allowed WHERE member_id = ?2`,
	`DELETE FROM mediators WHERE member_id = ?2`,
	`DELETE FROM private_chats WHERE member_id = ?2`,
	`DELETE FROM flows WHERE user_id = ?2`,
	`DELETE FROM export_requests WHERE member_id = ?2 AND done_at IS NOT NULL`,
	`DELETE FROM outbox WHERE chat_id = ?2 AND state <> 'pending'`,
	`DELETE FROM inbox WHERE done_at IS NOT NULL AND ?2 IN (
		json_extract(CAST(payload AS TEXT), '$.message.from.id'),
		json_extract(CAST(payload AS TEXT), '$.callback_query.from.id'),
		json_extract(CAST(payload AS TEXT), '$.my_chat_member.from.id'))`,
}

// Forget removes member's personal data. What the ledger keeps (tickets,
// hours, attendance, past shifts, the audit of what they did) moves to a
// new tombstone member, whose id it returns; what is only about them
// (follows, memberships, requests, acknowledgements, conversations, their
// stored updates and sent messages) is deleted; patrol rotations forget
// them. Their own row is then deleted, so that if they write again they
// start as a new person. Future sign-ups and shifts must be given up
// before (the callers tell the teams).
func (t PeopleTx) Forget(member int64, now time.Time) (int64, error) {
	tomb, err := t.newTombstone(0, now)
	if err != nil {
		return 0, err
	}
	for _, q := range forgetMoves {
		if _, err := t.q.ExecContext(t.ctx, q, tomb, member); err != nil {
			return 0, fmt.Errorf("storage: forget %d: %w", member, err)
		}
	}
	id := strconv.FormatInt(member, 10)
	if _, err := t.q.ExecContext(t.ctx, `UPDATE patrol_templates
		SET rotation = trim(replace(',' || rotation || ',', ',' || ? || ',', ','), ',')
		WHERE ',' || rotation || ',' LIKE '%,' || ? || ',%'`, id, id); err != nil {
		return 0, fmt.Errorf("storage: forget %d in rotations: %w", member, err)
	}
	// A record this code does not know of may still point to the row: then
	// the row stays, emptied, and unregistered.
	err = t.Savepoint(func() error {
		_, err := t.q.ExecContext(t.ctx, `DELETE FROM members WHERE id = ?`, member)
		return err
	})
	if err != nil {
		if _, err := t.q.ExecContext(t.ctx, `UPDATE members SET name = '', username = '', language = '', tg_language = '',
			role = 'resident', building = '', unit = '', registered_at = NULL, active = 0, quiet = '' WHERE id = ?`, member); err != nil {
			return 0, fmt.Errorf("storage: forget %d: %w", member, err)
		}
	}
	return tomb, nil
}

// StripClosedTickets removes the personal data of tickets ended (closed,
// rejected, duplicate) and unchanged since before: the reporter becomes
// the retention tombstone, photos and location go, followers go. Category,
// building, state, text and dates stay. It returns how many it stripped.
func (t PeopleTx) StripClosedTickets(before, now time.Time) (int, error) {
	if _, err := t.newTombstone(RetentionTombstone, now); err != nil {
		return 0, err
	}
	const sel = `SELECT id FROM tickets WHERE stripped_at IS NULL AND state IN ('closed','rejected','duplicate') AND updated_at < ?1`
	cut := ms(before)
	steps := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM ticket_followers WHERE ticket_id IN (` + sel + `)`, []any{cut}},
		{`UPDATE ticket_events SET actor_id = ?2 WHERE ticket_id IN (` + sel + `)
			AND actor_id = (SELECT reporter_id FROM tickets WHERE tickets.id = ticket_events.ticket_id)`, []any{cut, RetentionTombstone}},
		{`UPDATE ticket_events SET photo = '' WHERE ticket_id IN (` + sel + `)`, []any{cut}},
		{`UPDATE tickets SET reporter_id = ?2, hide_name = 1, photos = '[]', lat = NULL, lon = NULL, resolution_photo = '', stripped_at = ?3
			WHERE id IN (` + sel + `)`, []any{cut, RetentionTombstone, ms(now)}},
	}
	var n int64
	for i, st := range steps {
		res, err := t.q.ExecContext(t.ctx, st.q, st.args...)
		if err != nil {
			return 0, fmt.Errorf("storage: strip closed tickets: %w", err)
		}
		if i == len(steps)-1 {
			n, _ = res.RowsAffected()
		}
	}
	return int(n), nil
}
