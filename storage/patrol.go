package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PatrolsTx is the part of a Tx that keeps patrol templates, their shifts
// and who is on duty (patrol*.go).
type PatrolsTx struct{ *tx }

// States of a patrol template.
const (
	PatrolActive  = "active"
	PatrolPaused  = "paused"
	PatrolRemoved = "removed"
)

// PatrolTemplate is a team's recurring shift: Spec (a cron expression in
// the community's time zone) gives the starts, each shift lasts Minutes of
// elapsed time and needs Slots people. Rotation, if any, is the ordered
// member ids assigned round-robin; RotNext is the index of who comes next.
type PatrolTemplate struct {
	ID        int64
	TeamID    int64
	Spec      string
	Minutes   int
	Slots     int
	Area      string
	Rotation  []int64
	RotNext   int
	State     string
	CreatedBy int64
}

const patrolTplCols = `id, team_id, spec, minutes, slots, area, rotation, rot_next, state, coalesce(created_by, 0)`

func scanPatrolTpl(sc interface{ Scan(...any) error }) (PatrolTemplate, error) {
	var p PatrolTemplate
	var rot string
	err := sc.Scan(&p.ID, &p.TeamID, &p.Spec, &p.Minutes, &p.Slots, &p.Area, &rot, &p.RotNext, &p.State, &p.CreatedBy)
	p.Rotation = splitIDs(rot)
	return p, err
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

func splitIDs(s string) []int64 {
	var out []int64
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// CreatePatrolTemplate stores p (active) and returns its id.
func (t PatrolsTx) CreatePatrolTemplate(p PatrolTemplate, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO patrol_templates (team_id, spec, minutes, slots, area, rotation, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.TeamID, p.Spec, p.Minutes, p.Slots, p.Area, joinIDs(p.Rotation), idOrNull(p.CreatedBy), ms(now), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create patrol template: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: create patrol template: %w", err)
	}
	return id, nil
}

// UpdatePatrolTemplate changes p's schedule, length, slots, area and
// rotation (the rotation starts again from its first member when it changed).
func (t PatrolsTx) UpdatePatrolTemplate(p PatrolTemplate, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE patrol_templates SET spec = ?, minutes = ?, slots = ?, area = ?,
		rot_next = CASE WHEN rotation = ? THEN rot_next ELSE 0 END, rotation = ?, updated_at = ? WHERE id = ?`,
		p.Spec, p.Minutes, p.Slots, p.Area, joinIDs(p.Rotation), joinIDs(p.Rotation), ms(now), p.ID)
	if err != nil {
		return fmt.Errorf("storage: update patrol template %d: %w", p.ID, err)
	}
	return mustAffect(res, p.ID)
}

// SetPatrolTemplateState pauses, resumes or removes template id.
func (t PatrolsTx) SetPatrolTemplateState(id int64, state string, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE patrol_templates SET state = ?, updated_at = ? WHERE id = ?`, state, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: set patrol template %d %s: %w", id, state, err)
	}
	return mustAffect(res, id)
}

// SetPatrolRotNext records who comes next in template id's rotation.
func (t PatrolsTx) SetPatrolRotNext(id int64, next int) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE patrol_templates SET rot_next = ? WHERE id = ?`, next, id); err != nil {
		return fmt.Errorf("storage: patrol template %d rotation: %w", id, err)
	}
	return nil
}

// PatrolTemplate returns template id, or ErrNotFound.
func (t PatrolsTx) PatrolTemplate(id int64) (PatrolTemplate, error) {
	p, err := scanPatrolTpl(t.q.QueryRowContext(t.ctx, `SELECT `+patrolTplCols+` FROM patrol_templates WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("storage: patrol template %d: %w", id, err)
	}
	return p, nil
}

// PatrolTemplates returns the team's templates that are not removed (team
// 0: every team's active ones), oldest first.
func (t PatrolsTx) PatrolTemplates(team int64) ([]PatrolTemplate, error) {
	q := `SELECT ` + patrolTplCols + ` FROM patrol_templates WHERE team_id = ? AND state <> 'removed' ORDER BY id`
	args := []any{team}
	if team == 0 {
		q = `SELECT ` + patrolTplCols + ` FROM patrol_templates WHERE state = 'active'
			AND team_id IN (SELECT id FROM teams WHERE archived = 0) ORDER BY id`
		args = nil
	}
	return queryAll(t, "patrol templates", scanPatrolTpl, q, args...)
}

// OnPatrolTeam reports whether member is in a team that has patrol
// templates (active or paused).
func (t PatrolsTx) OnPatrolTeam(member int64) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM team_members tm WHERE tm.member_id = ?
		AND EXISTS (SELECT 1 FROM patrol_templates p WHERE p.team_id = tm.team_id AND p.state <> 'removed')`, member).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: is %d on a patrol team: %w", member, err)
	}
	return n > 0, nil
}
