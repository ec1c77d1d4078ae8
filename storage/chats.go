package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Chat is a group the bot is in, or a private chat it saw.
type Chat struct {
	ID        int64
	Type      string // private, group, supergroup
	Title     string
	Building  string // linked building, "" if none
	Community bool   // linked to the whole community
	Active    bool
}

// Linked reports whether staff linked the chat to a building or the community.
func (c Chat) Linked() bool { return c.Building != "" || c.Community }

const chatCols = `id, type, title, building, community, active`

func scanChat(sc interface{ Scan(...any) error }) (Chat, error) {
	var c Chat
	var comm, active int
	err := sc.Scan(&c.ID, &c.Type, &c.Title, &c.Building, &comm, &active)
	c.Community = comm == 1
	c.Active = active == 1
	return c, err
}

// TouchChat records a group chat the bot has seen, refreshing its title.
func (t PeopleTx) TouchChat(id int64, typ, title string, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `
		INSERT INTO chats (id, type, title, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = excluded.title
		WHERE type <> excluded.type OR title <> excluded.title`,
		id, typ, title, ms(now))
	if err != nil {
		return fmt.Errorf("storage: touch chat %d: %w", id, err)
	}
	return nil
}

// Chat returns the chat with id.
func (t PeopleTx) Chat(id int64) (Chat, error) {
	c, err := scanChat(t.q.QueryRowContext(t.ctx, `SELECT `+chatCols+` FROM chats WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Chat{}, ErrNotFound
	}
	if err != nil {
		return Chat{}, fmt.Errorf("storage: chat %d: %w", id, err)
	}
	return c, nil
}

// LinkChat links a group to a building, or to the community when building is "".
func (t PeopleTx) LinkChat(id int64, building string, by int64, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE chats SET building = ?, community = ?, active = 1, linked_by = ?, linked_at = ? WHERE id = ?`,
		building, boolInt(building == ""), by, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: link chat %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// SetChatActive marks whether the bot can write to the chat.
func (t PeopleTx) SetChatActive(id int64, active bool) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE chats SET active = ? WHERE id = ?`, boolInt(active), id); err != nil {
		return fmt.Errorf("storage: set chat %d active: %w", id, err)
	}
	return nil
}

// MigrateChat moves a group to its new supergroup id, keeping its links.
func (t PeopleTx) MigrateChat(from, to int64) error {
	_, err := t.q.ExecContext(t.ctx, `
		INSERT INTO chats (id, type, title, building, community, active, linked_by, linked_at, created_at)
		SELECT ?, 'supergroup', title, building, community, 1, linked_by, linked_at, created_at FROM chats WHERE id = ?
		ON CONFLICT (id) DO UPDATE SET building = excluded.building, community = excluded.community, active = 1`, to, from)
	if err != nil {
		return fmt.Errorf("storage: migrate chat %d to %d: %w", from, to, err)
	}
	if _, err := t.q.ExecContext(t.ctx, `UPDATE chats SET active = 0, building = '', community = 0 WHERE id = ?`, from); err != nil {
		return fmt.Errorf("storage: migrate chat %d to %d: %w", from, to, err)
	}
	// Tickets reported in the group keep their line's group.
	if _, err := t.q.ExecContext(t.ctx, `UPDATE tickets SET source_chat_id = ? WHERE source_chat_id = ?`, to, from); err != nil {
		return fmt.Errorf("storage: migrate chat %d to %d: %w", from, to, err)
	}
	return nil
}

// LinkedChats returns the active linked groups: of the given buildings, or
// all of them (community-wide ones included) when none are given.
func (t PeopleTx) LinkedChats(buildings ...string) ([]Chat, error) {
	q := `SELECT ` + chatCols + ` FROM chats WHERE active = 1 AND (building <> '' OR community = 1)`
	var args []any
	if len(buildings) > 0 {
		q = `SELECT ` + chatCols + ` FROM chats WHERE active = 1 AND building IN (` + placeholders(len(buildings)) + `)`
		for _, b := range buildings {
			args = append(args, b)
		}
	}
	return queryAll(t, "linked chats", scanChat, q+` ORDER BY id`, args...)
}
