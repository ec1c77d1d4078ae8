package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TeamsTx is the part of a Tx that keeps teams, their members and leads,
// and the requests to join them (teams.go, team_*.go).
type TeamsTx struct{ *tx }

// Team is a volunteer team. A restricted team needs a lead's or staff's
// approval to join; an archived team is kept for the record but takes no
// one new and is not listed.
type Team struct {
	ID         int64
	Name       string
	LeadID     int64 // the earliest of its leads, 0 none (see TeamLeads)
	Restricted bool
	Archived   bool
}

const teamCols = `id, name, coalesce((SELECT member_id FROM team_members l WHERE l.team_id = teams.id AND l.lead = 1
	ORDER BY l.joined_at, l.member_id LIMIT 1), 0), restricted, archived`

func scanTeam(sc interface{ Scan(...any) error }) (Team, error) {
	var tm Team
	var restricted, archived int
	err := sc.Scan(&tm.ID, &tm.Name, &tm.LeadID, &restricted, &archived)
	tm.Restricted = restricted == 1
	tm.Archived = archived == 1
	return tm, err
}

// CreateTeam adds a team, with lead (0 none) as its first lead. Names are
// unique, ignoring ASCII case.
func (t TeamsTx) CreateTeam(name string, lead int64, restricted bool, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO teams (name, lead_id, restricted, created_at) VALUES (?, ?, ?, ?)`,
		name, idOrNull(lead), boolInt(restricted), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create team %q: %w", name, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: create team %q: %w", name, err)
	}
	if lead != 0 {
		if err := t.SetTeamLead(id, lead, true, now); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// RenameTeam gives team id a new name; names stay unique ignoring case.
func (t TeamsTx) RenameTeam(id int64, name string) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE teams SET name = ? WHERE id = ?`, name, id)
	if err != nil {
		return fmt.Errorf("storage: rename team %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// SetTeamArchived archives team id or brings it back.
func (t TeamsTx) SetTeamArchived(id int64, archived bool) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE teams SET archived = ? WHERE id = ?`, boolInt(archived), id)
	if err != nil {
		return fmt.Errorf("storage: archive team %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// SetTeamRestricted makes joining team id need approval, or not.
func (t TeamsTx) SetTeamRestricted(id int64, restricted bool) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE teams SET restricted = ? WHERE id = ?`, boolInt(restricted), id)
	if err != nil {
		return fmt.Errorf("storage: restrict team %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// TeamByName finds a team by name, ignoring ASCII case.
func (t TeamsTx) TeamByName(name string) (Team, error) {
	tm, err := scanTeam(t.q.QueryRowContext(t.ctx, `SELECT `+teamCols+` FROM teams WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return Team{}, ErrNotFound
	}
	if err != nil {
		return Team{}, fmt.Errorf("storage: team %q: %w", name, err)
	}
	return tm, nil
}

// Team returns team id, or ErrNotFound.
func (t TeamsTx) Team(id int64) (Team, error) {
	tm, err := scanTeam(t.q.QueryRowContext(t.ctx, `SELECT `+teamCols+` FROM teams WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Team{}, ErrNotFound
	}
	if err != nil {
		return Team{}, fmt.Errorf("storage: team %d: %w", id, err)
	}
	return tm, nil
}

// Teams returns every team by name, archived ones too.
func (t TeamsTx) Teams() ([]Team, error) {
	return t.teams(`SELECT ` + teamCols + ` FROM teams ORDER BY name, id`)
}

func (t TeamsTx) teams(q string, args ...any) ([]Team, error) {
	return queryAll(t, "list teams", scanTeam, q, args...)
}

// AddTeamMember puts member in the team; adding a member again changes
// nothing. ErrNotFound when there is no such team.
func (t TeamsTx) AddTeamMember(team, member int64, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO team_members (team_id, member_id, joined_at)
		SELECT id, ?, ? FROM teams WHERE id = ?`, member, ms(now), team)
	if err != nil {
		return fmt.Errorf("storage: add %d to team %d: %w", member, team, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("storage: add %d to team %d: %w", member, team, err)
	} else if n == 0 {
		if _, err := t.Team(team); err != nil {
			return err
		}
	}
	return nil
}

// RemoveTeamMember takes member out of the team (a lead stops being one).
// ErrNotFound when they were not in it.
func (t TeamsTx) RemoveTeamMember(team, member int64) error {
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM team_members WHERE team_id = ? AND member_id = ?`, team, member)
	if err != nil {
		return fmt.Errorf("storage: remove %d from team %d: %w", member, team, err)
	}
	if err := mustAffect(res, member); err != nil {
		return err
	}
	return t.syncLeadID(team)
}

// TeamMembers returns the team's members (its leads included), earliest
// joined first.
func (t TeamsTx) TeamMembers(team int64) ([]Member, error) {
	return t.members(`SELECT `+memberCols+` FROM members JOIN team_members tm ON tm.member_id = members.id
		WHERE tm.team_id = ? ORDER BY tm.joined_at, tm.member_id`, team)
}

// TeamMemberIDs returns the ids of the team's members, earliest joined first.
func (t TeamsTx) TeamMemberIDs(team int64) ([]int64, error) {
	return t.ids(fmt.Sprintf("members of team %d", team),
		`SELECT member_id FROM team_members WHERE team_id = ? ORDER BY joined_at, member_id`, team)
}

// InTeam reports whether member is in the team.
func (t TeamsTx) InTeam(team, member int64) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM team_members WHERE team_id = ? AND member_id = ?`, team, member).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: is %d in team %d: %w", member, team, err)
	}
	return n > 0, nil
}
