package storage

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestTeams(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3)
		care, err := tx.CreateTeam("Elder care", 1, true, t0)
		if err != nil {
			return err
		}
		tutor, err := tx.CreateTeam("Tutoring", 0, false, t0)
		if err != nil {
			return err
		}
		if _, err := tx.CreateTeam("elder CARE", 2, false, t0); err == nil {
			t.Error("a second team with the same name (ignoring case) was created")
		}
		if _, err := tx.CreateTeam("Ghosts", 404, false, t0); err == nil {
			t.Error("a team led by an unknown member was created")
		}
		tm, err := tx.TeamByName("ELDER care")
		if err != nil || tm != (Team{ID: care, Name: "Elder care", LeadID: 1, Restricted: true}) {
			t.Errorf("by name %+v %v", tm, err)
		}
		tm, err = tx.Team(tutor)
		if err != nil || tm != (Team{ID: tutor, Name: "Tutoring"}) {
			t.Errorf("by id %+v %v", tm, err)
		}
		if _, err := tx.Team(404); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing team: %v", err)
		}
		if _, err := tx.TeamByName("Patrol"); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing team by name: %v", err)
		}
		all, err := tx.Teams()
		if err != nil || len(all) != 2 || all[0].ID != care || all[1].ID != tutor {
			t.Errorf("teams %+v %v", all, err)
		}

		for i, m := range []int64{3, 2, 3} { // adding again changes nothing
			if err := tx.AddTeamMember(care, m, t0.Add(time.Duration(i)*time.Minute)); err != nil {
				return err
			}
		}
		if err := tx.AddTeamMember(404, 2, t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("join a missing team: %v", err)
		}
		if err := tx.AddTeamMember(care, 404, t0); err == nil {
			t.Error("an unknown member joined")
		}
		members, err := tx.TeamMemberIDs(care) // the lead first: a lead is a member
		if err != nil || !reflect.DeepEqual(members, []int64{1, 3, 2}) {
			t.Errorf("members %v %v", members, err)
		}
		for _, c := range []struct {
			team, member int64
			want         bool
		}{{care, 2, true}, {care, 3, true}, {care, 1, true}, {tutor, 2, false}} {
			if in, err := tx.InTeam(c.team, c.member); err != nil || in != c.want {
				t.Errorf("InTeam(%d, %d) = %v %v", c.team, c.member, in, err)
			}
		}
		if err := tx.RemoveTeamMember(care, 3); err != nil {
			return err
		}
		if err := tx.RemoveTeamMember(care, 3); !errors.Is(err, ErrNotFound) {
			t.Errorf("remove twice: %v", err)
		}
		if in, _ := tx.InTeam(care, 3); in {
			t.Error("removed member still in the team")
		}
		if members, _ := tx.TeamMemberIDs(tutor); len(members) != 0 {
			t.Errorf("empty team has %v", members)
		}
		return nil
	})
}
