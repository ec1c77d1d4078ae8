package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Announcement audiences.
const (
	AudienceGroups          = "groups"     // every linked group
	AudienceBuildingGroups  = "bgroups"    // the groups of chosen buildings
	AudienceResidents       = "residents"  // every registered resident, in private
	AudienceBuildingPersons = "bresidents" // residents of chosen buildings, in private
	AudienceTeam            = "team"       // a team's members, in private
	AudienceLeaders         = "leaders"    // every building leader, in private
)

// Announcement is a message from staff or a leader to many people.
type Announcement struct {
	ID         int64
	SenderID   int64
	Audience   string
	Buildings  []string
	TeamID     int64
	Text       string
	Photo      string // a Telegram file_id, or ""
	ScheduleID int64  // the scheduled notice it is a run of, or 0
	Pin        bool
	State      string // draft, sent, cancelled
	Recipients int
	CreatedAt  time.Time
	SentAt     time.Time
}

const annCols = `id, sender_id, audience, buildings, coalesce(team_id, 0), text, photo, pin, state, recipients, created_at, sent_at`

func scanAnnouncement(sc interface{ Scan(...any) error }) (Announcement, error) {
	var a Announcement
	var bs string
	var pin int
	var created int64
	var sent sql.NullInt64
	err := sc.Scan(&a.ID, &a.SenderID, &a.Audience, &bs, &a.TeamID, &a.Text, &a.Photo, &pin, &a.State, &a.Recipients, &created, &sent)
	if err != nil {
		return a, err
	}
	a.Pin = pin == 1
	a.CreatedAt, a.SentAt = fromMS(created), nullMS(sent)
	if err := json.Unmarshal([]byte(bs), &a.Buildings); err != nil {
		return a, fmt.Errorf("buildings of announcement %d: %w", a.ID, err)
	}
	return a, nil
}

// CreateAnnouncement stores a draft and returns its id.
func (t CalendarTx) CreateAnnouncement(a Announcement, now time.Time) (int64, error) {
	if a.Buildings == nil {
		a.Buildings = []string{}
	}
	bs, err := json.Marshal(a.Buildings)
	if err != nil {
		return 0, fmt.Errorf("storage: create announcement: %w", err)
	}
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO announcements (sender_id, audience, buildings, team_id, text, photo, schedule_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.SenderID, a.Audience, string(bs), idOrNull(a.TeamID), a.Text, a.Photo, idOrNull(a.ScheduleID), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create announcement: %w", err)
	}
	return res.LastInsertId()
}

// Announcement returns announcement id.
func (t CalendarTx) Announcement(id int64) (Announcement, error) {
	a, err := scanAnnouncement(t.q.QueryRowContext(t.ctx, `SELECT `+annCols+` FROM announcements WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Announcement{}, ErrNotFound
	}
	if err != nil {
		return Announcement{}, fmt.Errorf("storage: announcement %d: %w", id, err)
	}
	return a, nil
}

// FinishAnnouncement moves a draft to sent (with its recipient count and
// pin choice) or cancelled. It reports false when the announcement was no
// longer a draft, so a double press sends nothing twice.
func (t CalendarTx) FinishAnnouncement(id int64, state string, pin bool, recipients int, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE announcements SET state = ?, pin = ?, recipients = ?, sent_at = ? WHERE id = ? AND state = 'draft'`,
		state, boolInt(pin), recipients, ms(now), id)
	if err != nil {
		return false, fmt.Errorf("storage: finish announcement %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// AddAnnouncementRecipient records a chat the announcement went to.
func (t CalendarTx) AddAnnouncementRecipient(id, chatID int64) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO announcement_recipients (announcement_id, chat_id) VALUES (?, ?)`, id, chatID); err != nil {
		return fmt.Errorf("storage: announcement %d recipient: %w", id, err)
	}
	return nil
}

// IsAnnouncementRecipient reports whether the announcement went to chat.
func (t CalendarTx) IsAnnouncementRecipient(id, chatID int64) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM announcement_recipients WHERE announcement_id = ? AND chat_id = ?`, id, chatID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: recipient of announcement %d: %w", id, err)
	}
	return n > 0, nil
}

// Acknowledge records that a member read an announcement; false when they
// already had.
func (t CalendarTx) Acknowledge(id, member int64, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO announcement_acks (announcement_id, member_id, at) VALUES (?, ?, ?)`, id, member, ms(now))
	if err != nil {
		return false, fmt.Errorf("storage: acknowledge %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Acks returns who acknowledged an announcement, in order.
func (t CalendarTx) Acks(id int64) ([]int64, error) {
	return t.ids(fmt.Sprintf("acks of announcement %d", id),
		`SELECT member_id FROM announcement_acks WHERE announcement_id = ? ORDER BY at, member_id`, id)
}

// NotAcknowledged returns private recipients who have not acknowledged.
func (t CalendarTx) NotAcknowledged(id int64, limit int) ([]Member, int, error) {
	var total int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM announcement_recipients r WHERE r.announcement_id = ? AND r.chat_id > 0
		AND NOT EXISTS (SELECT 1 FROM announcement_acks a WHERE a.announcement_id = r.announcement_id AND a.member_id = r.chat_id)`, id).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("storage: not acknowledged %d: %w", id, err)
	}
	ms, err := t.members(`SELECT `+memberCols+` FROM members WHERE id IN (SELECT r.chat_id FROM announcement_recipients r
		WHERE r.announcement_id = ? AND r.chat_id > 0 AND NOT EXISTS (SELECT 1 FROM announcement_acks a
		WHERE a.announcement_id = r.announcement_id AND a.member_id = r.chat_id)) ORDER BY id LIMIT ?`, id, limit)
	return ms, total, err
}

// RecentAnnouncements returns sent announcements, newest first; by 0 means
// anyone's.
func (t CalendarTx) RecentAnnouncements(by int64, limit int) ([]Announcement, error) {
	q := `SELECT ` + annCols + ` FROM announcements WHERE state = 'sent'`
	args := []any{}
	if by != 0 {
		q += ` AND sender_id = ?`
		args = append(args, by)
	}
	return queryAll(t, "recent announcements", scanAnnouncement, q+` ORDER BY sent_at DESC, id DESC LIMIT ?`, append(args, limit)...)
}

// ScheduledToChatSince counts the scheduled notices sent to chat since
// since (its copy delivered or held for a digest alike).
func (t CalendarTx) ScheduledToChatSince(chat int64, since time.Time) (int, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM announcements a
		JOIN announcement_recipients r ON r.announcement_id = a.id AND r.chat_id = ?
		WHERE a.schedule_id IS NOT NULL AND a.state = 'sent' AND a.sent_at >= ?`, chat, ms(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: scheduled notices to %d: %w", chat, err)
	}
	return n, nil
}
