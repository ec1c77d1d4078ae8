package storage

import (
	"fmt"
	"time"
)

// TeamCount is a team with its number of members (leads included).
type TeamCount struct {
	Team
	Members int
}

// IsTeamLead reports whether member leads the team.
func (t TeamsTx) IsTeamLead(teamID, memberID int64) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM team_members WHERE team_id = ? AND member_id = ? AND lead = 1`,
		teamID, memberID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: does %d lead team %d: %w", memberID, teamID, err)
	}
	return n > 0, nil
}

// TeamLeads returns the team's leads, earliest joined first.
func (t TeamsTx) TeamLeads(teamID int64) ([]Member, error) {
	return t.members(`SELECT `+memberCols+` FROM members JOIN team_members tm ON tm.member_id = members.id
		WHERE tm.team_id = ? AND tm.lead = 1 ORDER BY tm.joined_at, tm.member_id`, teamID)
}

// TeamsLedBy returns the teams member leads that are not archived, by name.
func (t TeamsTx) TeamsLedBy(memberID int64) ([]Team, error) {
	return t.teams(`SELECT `+teamCols+` FROM teams WHERE archived = 0
		AND id IN (SELECT team_id FROM team_members WHERE member_id = ? AND lead = 1) ORDER BY name, id`, memberID)
}

// MemberTeams returns the teams member is in that are not archived, by name.
func (t TeamsTx) MemberTeams(memberID int64) ([]Team, error) {
	return t.teams(`SELECT `+teamCols+` FROM teams WHERE archived = 0
		AND id IN (SELECT team_id FROM team_members WHERE member_id = ?) ORDER BY name, id`, memberID)
}

// SetTeamLead makes member a lead of the team (joining them to it if they
// were not in it), or stops them leading it (they stay a member). Unsetting
// someone who does not lead changes nothing. ErrNotFound when there is no
// such team.
func (t TeamsTx) SetTeamLead(teamID, memberID int64, lead bool, now time.Time) error {
	if _, err := t.Team(teamID); err != nil {
		return err
	}
	var err error
	if lead {
		_, err = t.q.ExecContext(t.ctx, `INSERT INTO team_members (team_id, member_id, joined_at, lead) VALUES (?, ?, ?, 1)
			ON CONFLICT (team_id, member_id) DO UPDATE SET lead = 1`, teamID, memberID, ms(now))
	} else {
		_, err = t.q.ExecContext(t.ctx, `UPDATE team_members SET lead = 0 WHERE team_id = ? AND member_id = ?`, teamID, memberID)
	}
	if err != nil {
		return fmt.Errorf("storage: set %d lead of team %d to %v: %w", memberID, teamID, lead, err)
	}
	return t.syncLeadID(teamID)
}

// syncLeadID keeps the old teams.lead_id column at the earliest lead.
func (t TeamsTx) syncLeadID(teamID int64) error {
	_, err := t.q.ExecContext(t.ctx, `UPDATE teams SET lead_id = (SELECT member_id FROM team_members
		WHERE team_id = teams.id AND lead = 1 ORDER BY joined_at, member_id LIMIT 1) WHERE id = ?`, teamID)
	if err != nil {
		return fmt.Errorf("storage: lead of team %d: %w", teamID, err)
	}
	return nil
}

// ActiveTeams returns the teams that are not archived, by name, with their
// member counts.
func (t TeamsTx) ActiveTeams() ([]TeamCount, error) {
	scan := func(sc scanner) (TeamCount, error) {
		var tc TeamCount
		var restricted, archived int
		err := sc.Scan(&tc.ID, &tc.Name, &tc.LeadID, &restricted, &archived, &tc.Members)
		tc.Restricted, tc.Archived = restricted == 1, archived == 1
		return tc, err
	}
	return queryAll(t, "active teams", scan, `SELECT `+teamCols+`,
		(SELECT count(*) FROM team_members c WHERE c.team_id = teams.id)
		FROM teams WHERE archived = 0 ORDER BY name, id`)
}
