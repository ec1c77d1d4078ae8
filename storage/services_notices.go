package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Notice is a public notice (公示) posted for a period, with a button to
// object privately.
type Notice struct {
	ID        int64
	CaseID    int64 // 0 for a notice of its own
	Text      string
	Until     time.Time
	Ended     bool
	CreatedBy int64
	CreatedAt time.Time
}

// NoticePost is a copy of a notice posted to a group: the outbox row that
// sent it.
type NoticePost struct {
	ChatID   int64
	OutboxID int64
}

const noticeCols = `id, case_id, text, until, ended, created_by, created_at`

func scanNotice(sc scanner) (Notice, error) {
	var n Notice
	var until, created int64
	var ended int
	err := sc.Scan(&n.ID, &n.CaseID, &n.Text, &until, &ended, &n.CreatedBy, &created)
	n.Until, n.CreatedAt, n.Ended = fromMS(until), fromMS(created), ended == 1
	return n, err
}

// CreateNotice stores notice n and returns its id.
func (t ServicesTx) CreateNotice(n Notice, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO service_notices (case_id, text, until, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		n.CaseID, n.Text, ms(n.Until), n.CreatedBy, ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create notice: %w", err)
	}
	return res.LastInsertId()
}

// Notice returns notice id.
func (t ServicesTx) Notice(id int64) (Notice, error) {
	n, err := scanNotice(t.q.QueryRowContext(t.ctx, `SELECT `+noticeCols+` FROM service_notices WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, ErrNotFound
	}
	if err != nil {
		return n, fmt.Errorf("storage: notice %d: %w", id, err)
	}
	return n, nil
}

// EndNotice marks notice id ended; false when it was already.
func (t ServicesTx) EndNotice(id int64) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE service_notices SET ended = 1 WHERE id = ? AND ended = 0`, id)
	if err != nil {
		return false, fmt.Errorf("storage: end notice %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// AddNoticePost records the copy of notice id posted to chat.
func (t ServicesTx) AddNoticePost(id, chat, outbox int64) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT OR REPLACE INTO service_notice_posts (notice_id, chat_id, outbox_id) VALUES (?, ?, ?)`, id, chat, outbox); err != nil {
		return fmt.Errorf("storage: notice %d post: %w", id, err)
	}
	return nil
}

// NoticePosts lists the copies of notice id.
func (t ServicesTx) NoticePosts(id int64) ([]NoticePost, error) {
	return queryAll(t, "notice posts", func(sc scanner) (NoticePost, error) {
		var p NoticePost
		err := sc.Scan(&p.ChatID, &p.OutboxID)
		return p, err
	}, `SELECT chat_id, outbox_id FROM service_notice_posts WHERE notice_id = ? ORDER BY chat_id`, id)
}

// AddObjection stores an objection to notice id.
func (t ServicesTx) AddObjection(id, member int64, text string, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO service_objections (notice_id, member_id, text, created_at) VALUES (?, ?, ?, ?)`, id, member, text, ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: objection to notice %d: %w", id, err)
	}
	return res.LastInsertId()
}

// Objections lists the texts of the objections to notice id, oldest first
// (never who raised them).
func (t ServicesTx) Objections(id int64) ([]string, error) {
	return queryAll(t, "objections", scanOne[string], `SELECT text FROM service_objections WHERE notice_id = ? ORDER BY id`, id)
}

// NoticeCounts counts the notices posted and the objections raised from..to.
func (t ServicesTx) NoticeCounts(from, to time.Time) (notices, objections int, err error) {
	err = t.q.QueryRowContext(t.ctx, `SELECT (SELECT count(*) FROM service_notices WHERE created_at >= ? AND created_at < ?),
		(SELECT count(*) FROM service_objections WHERE created_at >= ? AND created_at < ?)`, ms(from), ms(to), ms(from), ms(to)).Scan(&notices, &objections)
	if err != nil {
		return 0, 0, fmt.Errorf("storage: notice counts: %w", err)
	}
	return notices, objections, nil
}

// CaseNotices lists the notices of case id, oldest first.
func (t ServicesTx) CaseNotices(id int64) ([]Notice, error) {
	return queryAll(t, "case notices", scanNotice, `SELECT `+noticeCols+` FROM service_notices WHERE case_id = ? ORDER BY id`, id)
}
