package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// PeopleTx is the part of a Tx that keeps the members and the chats the bot
// is in, and what privacy needs of them: a member's records and their
// forgetting (members*.go, chats*.go, mydata.go, forget.go).
type PeopleTx struct{ *tx }

// Role is what a member may do. Admins come from the configuration and are
// never stored.
type Role string

// The roles, lowest first.
const (
	RoleResident Role = "resident"
	RoleLeader   Role = "leader"
	RoleStaff    Role = "staff"
	RoleAdmin    Role = "admin"
)

// Rank orders roles: a higher rank may do everything a lower one may.
func (r Role) Rank() int {
	switch r {
	case RoleLeader:
		return 1
	case RoleStaff:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}

// Member is a person the bot knows.
type Member struct {
	ID           int64
	Name         string
	Username     string
	Language     string // chosen with /lang; "" when never chosen
	TGLanguage   string // Telegram's language_code
	Role         Role
	Building     string
	Unit         string
	RegisteredAt time.Time // zero until registration is done
	Active       bool
	CreatedAt    time.Time
	Leads        []string // buildings a leader leads
	Forgotten    bool     // a tombstone left by /forgetme: no personal data
}

// Registered reports whether the member finished registration.
func (m Member) Registered() bool { return !m.RegisteredAt.IsZero() }

// LeadsBuilding reports whether the member leads building b.
func (m Member) LeadsBuilding(b string) bool {
	for _, l := range m.Leads {
		if l == b {
			return true
		}
	}
	return false
}

const memberCols = `id, name, username, language, tg_language, role, building, unit, registered_at, active, created_at, forgotten_at IS NOT NULL`

func scanMember(sc interface{ Scan(...any) error }) (Member, error) {
	var m Member
	var reg sql.NullInt64
	var created int64
	var active int
	err := sc.Scan(&m.ID, &m.Name, &m.Username, &m.Language, &m.TGLanguage, &m.Role, &m.Building, &m.Unit, &reg, &active, &created, &m.Forgotten)
	m.RegisteredAt = nullMS(reg)
	m.CreatedAt = fromMS(created)
	m.Active = active == 1
	return m, err
}

// Member returns the member with Telegram user id id.
func (t PeopleTx) Member(id int64) (Member, error) {
	row := t.q.QueryRowContext(t.ctx, `SELECT `+memberCols+` FROM members WHERE id = ?`, id)
	m, err := scanMember(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Member{}, ErrNotFound
	}
	if err != nil {
		return Member{}, fmt.Errorf("storage: member %d: %w", id, err)
	}
	if m.Role == RoleLeader {
		if m.Leads, err = t.leads(id); err != nil {
			return Member{}, err
		}
	}
	return m, nil
}

// MemberByUsername finds a member by Telegram username (with or without
// @). When several members hold it (one renamed without writing to the bot
// since), it returns an *AmbiguousError naming them, never one of them.
func (t PeopleTx) MemberByUsername(username string) (Member, error) {
	ms, err := t.membersByUsername(username)
	switch {
	case err != nil:
		return Member{}, err
	case len(ms) == 0:
		return Member{}, ErrNotFound
	case len(ms) > 1:
		return Member{}, &AmbiguousError{Candidates: ms}
	}
	return ms[0], nil
}

func (t PeopleTx) leads(id int64) ([]string, error) {
	return queryAll(t, fmt.Sprintf("buildings of %d", id), scanOne[string], `SELECT building FROM member_buildings WHERE member_id = ? ORDER BY building`, id)
}

// TouchMember creates the member when new and refreshes the name, username
// and Telegram language they arrive with. It reactivates a member who had
// blocked the bot and now writes again.
func (t PeopleTx) TouchMember(id int64, name, username, tgLang string, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `
		INSERT INTO members (id, name, username, tg_language, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, username = excluded.username,
			tg_language = excluded.tg_language, active = 1
		WHERE name <> excluded.name OR username <> excluded.username
			OR tg_language <> excluded.tg_language OR active = 0`,
		id, name, username, tgLang, ms(now))
	if err != nil {
		return fmt.Errorf("storage: touch member %d: %w", id, err)
	}
	return nil
}

// Register records the member's building and unit.
func (t PeopleTx) Register(id int64, building, unit string, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `
		UPDATE members SET building = ?, unit = ?, registered_at = COALESCE(registered_at, ?) WHERE id = ?`,
		building, unit, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: register %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// SetLanguage records the member's chosen language.
func (t PeopleTx) SetLanguage(id int64, lang string) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE members SET language = ? WHERE id = ?`, lang, id)
	if err != nil {
		return fmt.Errorf("storage: set language of %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// SetMemberActive marks whether the bot can write to the member.
func (t PeopleTx) SetMemberActive(id int64, active bool) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE members SET active = ? WHERE id = ?`, boolInt(active), id); err != nil {
		return fmt.Errorf("storage: set member %d active: %w", id, err)
	}
	return nil
}

// SetRole changes a member's role and, for leaders, the buildings they lead,
// and records who did it.
func (t PeopleTx) SetRole(id int64, role Role, buildings []string, by int64, now time.Time) error {
	var from Role
	if err := t.q.QueryRowContext(t.ctx, `SELECT role FROM members WHERE id = ?`, id).Scan(&from); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return fmt.Errorf("storage: role of %d: %w", id, err)
	}
	if _, err := t.q.ExecContext(t.ctx, `UPDATE members SET role = ? WHERE id = ?`, role, id); err != nil {
		return fmt.Errorf("storage: set role of %d: %w", id, err)
	}
	if _, err := t.q.ExecContext(t.ctx, `DELETE FROM member_buildings WHERE member_id = ?`, id); err != nil {
		return fmt.Errorf("storage: set buildings of %d: %w", id, err)
	}
	for _, b := range buildings {
		if _, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO member_buildings (member_id, building) VALUES (?, ?)`, id, b); err != nil {
			return fmt.Errorf("storage: set buildings of %d: %w", id, err)
		}
	}
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO role_events (member_id, by_id, from_role, to_role, buildings, at) VALUES (?, ?, ?, ?, ?, ?)`,
		id, by, from, role, strings.Join(buildings, ","), ms(now))
	if err != nil {
		return fmt.Errorf("storage: record role change of %d: %w", id, err)
	}
	return nil
}

// LeadersOf returns the active leaders of building b.
func (t PeopleTx) LeadersOf(b string) ([]Member, error) {
	return t.members(`SELECT `+memberCols+` FROM members WHERE active = 1 AND role = 'leader'
		AND id IN (SELECT member_id FROM member_buildings WHERE building = ?) ORDER BY id`, b)
}

// MembersWithRole returns the active members holding role.
func (t PeopleTx) MembersWithRole(role Role) ([]Member, error) {
	return t.members(`SELECT `+memberCols+` FROM members WHERE active = 1 AND role = ? ORDER BY id`, role)
}

// Residents returns the active registered members, optionally of some buildings.
func (t PeopleTx) Residents(buildings ...string) ([]Member, error) {
	q := `SELECT ` + memberCols + ` FROM members WHERE active = 1 AND registered_at IS NOT NULL`
	args := []any{}
	if len(buildings) > 0 {
		q += ` AND building IN (` + placeholders(len(buildings)) + `)`
		for _, b := range buildings {
			args = append(args, b)
		}
	}
	return t.members(q+` ORDER BY id`, args...)
}

func (t PeopleTx) members(q string, args ...any) ([]Member, error) {
	out, err := queryAll(t, "list members", scanMember, q, args...)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Role == RoleLeader {
			if out[i].Leads, err = t.leads(out[i].ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func mustAffect(res sql.Result, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("storage: rows affected for %d: %w", id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// MemberNames returns the names of the given members; unknown ids are left out.
func (t PeopleTx) MemberNames(ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := t.q.QueryContext(t.ctx, `SELECT id, name FROM members WHERE id IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("storage: member names: %w", err)
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return nil, fmt.Errorf("storage: member names: %w", err)
			}
			out[id] = name
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("storage: member names: %w", err)
		}
	}
	return out, nil
}
