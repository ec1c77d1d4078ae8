package storage

import (
	"testing"
	"time"
)

func TestStarsCountTiesAndFigures(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3, 4)
		id, err := tx.CreateStarRound(StarRound{Title: "3月", Audience: "groups", NominateUntil: t0.Add(time.Hour),
			VoteFrom: t0.Add(2 * time.Hour), VoteUntil: t0.Add(3 * time.Hour), OpenedBy: 1}, t0)
		if err != nil {
			return err
		}
		a, err := tx.Nominate(id, "community", 1, 2, "", "kind", t0)
		if err != nil {
			return err
		}
		b, err := tx.Nominate(id, "community", 2, 3, "", "helps", t0)
		if err != nil {
			return err
		}
		if again, err := tx.Nominate(id, "community", 3, 2, "", "also kind", t0); err != nil || again != a {
			t.Errorf("second nomination of the same person made candidate %d (want %d) %v", again, a, err)
		}
		if _, err := tx.Nominate(id, "community", 1, 3, "", "twice", t0); err == nil {
			t.Error("a second nomination by the same person in a category was stored")
		}
		if _, err := tx.Nominate(id, "courtyard", 1, 0, "3", "clean", t0); err != nil {
			return err
		}
		for _, c := range []int64{a, b} {
			if err := tx.SetStarShortlisted(c, true); err != nil {
				return err
			}
			if err := tx.SetStarConsent(c, "yes"); err != nil {
				return err
			}
		}
		if _, err := tx.CastStarVote(id, "community", 1, a, t0); err != nil {
			return err
		}
		if prev, err := tx.CastStarVote(id, "community", 1, b, t0); err != nil || prev != a {
			t.Errorf("changed vote: prev %d %v", prev, err)
		}
		if _, err := tx.CastStarVote(id, "community", 2, a, t0); err != nil {
			return err
		}
		if err := tx.CountStarVotes(id); err != nil {
			return err
		}
		if ok, err := tx.MoveStarRound(id, StarNominating, StarClosed, t0.Add(3*time.Hour)); err != nil || !ok {
			t.Fatalf("close: %v %v", ok, err)
		}
		cs, err := tx.StarCandidates(id, "community")
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.Votes != 1 || !c.Winner {
				t.Errorf("tie: %+v", c)
			}
		}
		if n, err := tx.StarsElected(t0, t0.Add(4*time.Hour)); err != nil || n != 2 {
			t.Errorf("stars elected %d %v, want 2 joint stars", n, err)
		}
		if n, _ := tx.StarsElected(t0.Add(4*time.Hour), t0.Add(5*time.Hour)); n != 0 {
			t.Errorf("stars elected outside the span: %d", n)
		}
		return nil
	})
}

func TestPledgeFigures(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2)
		per, err := tx.CreatePledgePeriod("2026 H2", 1, t0)
		if err != nil {
			return err
		}
		p, err := tx.CreatePledge(per, 2, []string{"a", "b", "c"}, t0)
		if err != nil {
			return err
		}
		if ok, err := tx.CheckPledgeItem(p, 2, "done", "", t0); err != nil || !ok {
			t.Errorf("check: %v %v", ok, err)
		}
		if ok, _ := tx.CheckPledgeItem(p, 2, "again", "", t0); ok {
			t.Error("an item was checked off twice")
		}
		if ok, err := tx.RatePledge(p, 1, 4, "good", t0); err != nil || !ok {
			t.Errorf("rate: %v %v", ok, err)
		}
		if ok, _ := tx.RatePledge(p, 1, 1, "", t0); ok {
			t.Error("a second rating was stored")
		}
		got, err := tx.Pledge(p)
		if err != nil || got.Done() != 1 || got.Ratings != 1 || got.Average != 4 || got.Items[1].Note != "done" {
			t.Errorf("pledge %+v %v", got, err)
		}
		n, kept, total, err := tx.PledgeFigures(t0, t0.Add(time.Hour))
		if err != nil || n != 1 || kept != 1 || total != 3 {
			t.Errorf("figures %d %d %d %v", n, kept, total, err)
		}
		return nil
	})
}
