package storage

import (
	"errors"
	"testing"
	"time"
)

func TestCareListAndVisits(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3)
		h1, err := tx.CreateHousehold(Household{Building: "3", Unit: "301", Name: "刘", Reason: "lives_alone", CreatedBy: 1}, t0)
		if err != nil {
			return err
		}
		h2, err := tx.CreateHousehold(Household{Building: "1", Unit: "101", Name: "Chen", Reason: "other", ReasonText: "after surgery", CreatedBy: 1}, t0)
		if err != nil {
			return err
		}
		if err := tx.SetHouseholdField(h1, "contact", "138", t0); err != nil {
			return err
		}
		if err := tx.SetHouseholdField(h1, "archived", "1", t0); err == nil {
			t.Error("a field outside HouseholdFields was set")
		}
		if err := tx.SetHouseholdVisitor(h1, 2, true, 1, t0); err != nil {
			return err
		}
		if err := tx.SetHouseholdVisitor(h1, 2, true, 1, t0); err != nil {
			t.Errorf("assigning twice: %v", err)
		}
		mine, err := tx.HouseholdsOf(2)
		if err != nil || len(mine) != 1 || mine[0].ID != h1 || mine[0].Contact != "138" {
			t.Errorf("households of visitor: %+v %v", mine, err)
		}
		if ok, _ := tx.IsHouseholdVisitor(h2, 2); ok {
			t.Error("visitor of a household not theirs")
		}
		if err := tx.LogCare(h1, 1, "view", "", t0); err != nil {
			return err
		}
		if err := tx.LogCare(h1, 1, "edit", "contact", t0.Add(time.Minute)); err != nil {
			return err
		}
		log, n, err := tx.CareLog(h1, 1)
		if err != nil || n != 2 || len(log) != 1 || log[0].Action != "edit" {
			t.Errorf("care log %+v %d %v", log, n, err)
		}
		if err := tx.SetHouseholdArchived(h2, true, t0); err != nil {
			return err
		}
		if act, _ := tx.Households(false); len(act) != 1 || act[0].ID != h1 {
			t.Errorf("active households %+v", act)
		}
		n, err = tx.PlanVisits("spring", 2027, t0)
		if err != nil || n != 1 {
			t.Errorf("planned %d %v, want 1 (the archived household is left out)", n, err)
		}
		if n, _ := tx.PlanVisits("spring", 2027, t0.Add(time.Hour)); n != 1 {
			t.Errorf("planning again: %d", n)
		}
		vs, err := tx.Visits("spring", 2027)
		if err != nil || len(vs) != 1 || vs[0].Visited() {
			t.Fatalf("visits %+v %v", vs, err)
		}
		if err := tx.MarkVisited(vs[0].ID, 2, t0.Add(2*time.Hour)); err != nil {
			return err
		}
		if err := tx.MarkVisited(vs[0].ID, 2, t0.Add(3*time.Hour)); !errors.Is(err, ErrNotFound) {
			t.Errorf("marked twice: %v", err)
		}
		st, err := tx.VisitStats(t0, t0.Add(24*time.Hour))
		if err != nil || st != (VisitCounts{Visited: 1, Households: 1}) {
			t.Errorf("stats %+v %v", st, err)
		}
		return nil
	})
}
