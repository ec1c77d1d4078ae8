package storage

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

func memberIDs(ms []Member) []int64 {
	out := []int64{}
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

func teamIDs(ts []Team) []int64 {
	out := []int64{}
	for _, tm := range ts {
		out = append(out, tm.ID)
	}
	return out
}

func TestTeamLeads(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3, 4)
		care, err := tx.CreateTeam("Care", 1, true, t0)
		if err != nil {
			return err
		}
		sweep, err := tx.CreateTeam("Sweep", 0, false, t0)
		if err != nil {
			return err
		}
		// A second lead who was not a member joins as one.
		if err := tx.SetTeamLead(care, 2, true, t0.Add(time.Minute)); err != nil {
			return err
		}
		if err := tx.AddTeamMember(care, 3, t0.Add(2*time.Minute)); err != nil {
			return err
		}
		leads, err := tx.TeamLeads(care)
		if err != nil || !reflect.DeepEqual(memberIDs(leads), []int64{1, 2}) {
			t.Errorf("leads %v %v", memberIDs(leads), err)
		}
		for _, c := range []struct {
			member int64
			want   bool
		}{{1, true}, {2, true}, {3, false}, {4, false}} {
			if got, err := tx.IsTeamLead(care, c.member); err != nil || got != c.want {
				t.Errorf("IsTeamLead(care, %d) = %v %v", c.member, got, err)
			}
		}
		// Adding a lead again as a member keeps them lead.
		if err := tx.AddTeamMember(care, 2, t0.Add(3*time.Minute)); err != nil {
			return err
		}
		if ok, _ := tx.IsTeamLead(care, 2); !ok {
			t.Error("joining again dropped the lead flag")
		}
		if err := tx.SetTeamLead(sweep, 2, true, t0); err != nil {
			return err
		}
		led, err := tx.TeamsLedBy(2)
		if err != nil || !reflect.DeepEqual(teamIDs(led), []int64{care, sweep}) {
			t.Errorf("teams led by 2: %v %v", teamIDs(led), err)
		}
		mine, err := tx.MemberTeams(3)
		if err != nil || !reflect.DeepEqual(teamIDs(mine), []int64{care}) {
			t.Errorf("teams of 3: %v %v", teamIDs(mine), err)
		}
		// Unsetting the first lead: the second becomes the team's LeadID, the
		// first stays a member.
		if err := tx.SetTeamLead(care, 1, false, t0); err != nil {
			return err
		}
		if tm, _ := tx.Team(care); tm.LeadID != 2 {
			t.Errorf("LeadID %d, want 2", tm.LeadID)
		}
		if in, _ := tx.InTeam(care, 1); !in {
			t.Error("an unset lead left the team")
		}
		if err := tx.SetTeamLead(care, 4, false, t0); err != nil {
			t.Errorf("unsetting a non-lead: %v", err)
		}
		if in, _ := tx.InTeam(care, 4); in {
			t.Error("unsetting a non-lead joined them")
		}
		if err := tx.SetTeamLead(404, 1, true, t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("lead of a missing team: %v", err)
		}
		// Removing a lead from the team ends their lead.
		if err := tx.RemoveTeamMember(care, 2); err != nil {
			return err
		}
		if leads, _ := tx.TeamLeads(care); len(leads) != 0 {
			t.Errorf("leads after removal %v", memberIDs(leads))
		}
		var col any
		if err := tx.q.QueryRowContext(tx.ctx, `SELECT lead_id FROM teams WHERE id = ?`, care).Scan(&col); err != nil || col != nil {
			t.Errorf("old lead_id column %v %v", col, err)
		}

		// Archived teams are not active, not led, not among a member's teams.
		if err := tx.RenameTeam(sweep, "Sweepers"); err != nil {
			return err
		}
		if err := tx.RenameTeam(sweep, "care"); err == nil {
			t.Error("renamed to a name in use")
		}
		if err := tx.SetTeamArchived(sweep, true); err != nil {
			return err
		}
		active, err := tx.ActiveTeams()
		if err != nil || len(active) != 1 || active[0].ID != care || active[0].Members != 2 {
			t.Errorf("active teams %+v %v", active, err)
		}
		if led, _ := tx.TeamsLedBy(2); len(led) != 0 {
			t.Errorf("archived team still led: %v", teamIDs(led))
		}
		if tm, _ := tx.Team(sweep); !tm.Archived || tm.Name != "Sweepers" {
			t.Errorf("archived team %+v", tm)
		}
		return nil
	})
}

func TestTeamRequests(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3)
		care, err := tx.CreateTeam("Care", 1, true, t0)
		if err != nil {
			return err
		}
		id, err := tx.CreateTeamRequest(care, 2, t0)
		if err != nil {
			return err
		}
		if _, err := tx.CreateTeamRequest(care, 2, t0); !errors.Is(err, ErrPending) {
			t.Errorf("second pending request: %v", err)
		}
		if rq, err := tx.PendingTeamRequest(care, 2); err != nil || rq.ID != id || rq.State != RequestPending {
			t.Errorf("pending %+v %v", rq, err)
		}
		if ok, err := tx.DecideTeamRequest(id, true, 1, t0); err != nil || !ok {
			t.Errorf("approve: %v %v", ok, err)
		}
		if ok, err := tx.DecideTeamRequest(id, false, 1, t0); err != nil || ok {
			t.Errorf("decide again: %v %v", ok, err)
		}
		if in, _ := tx.InTeam(care, 2); !in {
			t.Error("approved member not in the team")
		}
		rq, err := tx.TeamRequest(id)
		if err != nil || rq.State != RequestApproved || rq.DecidedBy != 1 || !rq.DecidedAt.Equal(t0) {
			t.Errorf("decided %+v %v", rq, err)
		}
		id3, err := tx.CreateTeamRequest(care, 3, t0)
		if err != nil {
			return err
		}
		if ok, err := tx.DecideTeamRequest(id3, false, 1, t0); err != nil || !ok {
			t.Errorf("decline: %v %v", ok, err)
		}
		if in, _ := tx.InTeam(care, 3); in {
			t.Error("declined member in the team")
		}
		if _, err := tx.CreateTeamRequest(care, 3, t0); err != nil {
			t.Errorf("asking again after a decline: %v", err)
		}
		if _, err := tx.DecideTeamRequest(404, true, 1, t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing request: %v", err)
		}
		return nil
	})
}

// A team's single lead from before several leads becomes a lead member.
func TestMigrateTeamLead(t *testing.T) {
	ctx := context.Background()
	s, err := OpenNoMigrate(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	step := slices.Index(migrations, schemaTeams)
	if err := s.MigrateTo(ctx, step); err != nil {
		t.Fatal(err)
	}
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2)
		for _, q := range []string{
			`INSERT INTO teams (id, name, lead_id, restricted, created_at) VALUES (7, 'Care', 1, 1, 0), (8, 'Sweep', NULL, 0, 0)`,
			`INSERT INTO team_members (team_id, member_id, joined_at) VALUES (7, 2, 5), (8, 1, 5)`,
		} {
			if _, err := tx.q.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	update(t, s, func(tx *Tx) error {
		if leads, err := tx.TeamLeads(7); err != nil || !reflect.DeepEqual(memberIDs(leads), []int64{1}) {
			t.Errorf("leads of Care %v %v", memberIDs(leads), err)
		}
		if ids, _ := tx.TeamMemberIDs(7); !reflect.DeepEqual(ids, []int64{1, 2}) {
			t.Errorf("members of Care %v", ids)
		}
		if tm, _ := tx.Team(7); tm.LeadID != 1 || !tm.Restricted || tm.Archived {
			t.Errorf("Care %+v", tm)
		}
		if leads, _ := tx.TeamLeads(8); len(leads) != 0 {
			t.Errorf("Sweep has leads %v", memberIDs(leads))
		}
		return nil
	})
}
