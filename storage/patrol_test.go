package storage

import (
	"testing"
	"time"
)

// Shifts are laid out once per template and start; slots hold; a dropped
// place can be taken again; a swap goes only to whom it is offered, once;
// a stamp is written once.
func TestPatrolShiftsAndDuty(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3, 4)
		team, err := tx.CreateTeam("Night patrol", 1, false, t0)
		if err != nil {
			return err
		}
		tpl, err := tx.CreatePatrolTemplate(PatrolTemplate{TeamID: team, Spec: "0 20 * * *", Minutes: 180, Slots: 2,
			Area: "east gate", Rotation: []int64{2, 3}}, t0)
		if err != nil {
			return err
		}
		p, err := tx.PatrolTemplate(tpl)
		if err != nil || len(p.Rotation) != 2 || p.Rotation[1] != 3 || p.State != PatrolActive {
			t.Fatalf("template %+v %v", p, err)
		}
		sh := PatrolShift{TemplateID: tpl, TeamID: team, Start: t0, End: t0.Add(3 * time.Hour), Slots: 2, Area: "east gate"}
		id, created, err := tx.AddPatrolShift(sh)
		if err != nil || !created {
			t.Fatalf("first lay-out: %v %v", created, err)
		}
		again, created, err := tx.AddPatrolShift(sh)
		if err != nil || created || again != id {
			t.Fatalf("second lay-out of the same start: %d %v %v", again, created, err)
		}
		for _, m := range []int64{2, 3} {
			if ok, err := tx.TakeSlot(id, m, "take", t0); err != nil || !ok {
				t.Fatalf("take by %d: %v %v", m, ok, err)
			}
		}
		if ok, err := tx.TakeSlot(id, 4, "take", t0); err != nil || ok {
			t.Fatalf("a third person took a two-slot shift: %v %v", ok, err)
		}
		if ok, _ := tx.LeaveSlot(id, 3, DutyDropped, t0); !ok {
			t.Fatal("drop refused")
		}
		if ok, _ := tx.TakeSlot(id, 3, "take", t0); !ok {
			t.Fatal("the one who dropped could not take it again")
		}
		if ok, _ := tx.SwapSlot(id, 2, 4, t0); ok {
			t.Fatal("swapped a place that was not offered")
		}
		if ok, _ := tx.OfferSlot(id, 2, 1, t0); !ok {
			t.Fatal("offer refused")
		}
		if ok, _ := tx.SwapSlot(id, 2, 4, t0); ok {
			t.Fatal("swapped to someone it was not offered to")
		}
		if ok, err := tx.SwapSlot(id, 2, 1, t0); err != nil || !ok {
			t.Fatalf("swap to the one offered: %v %v", ok, err)
		}
		if ok, _ := tx.SwapSlot(id, 2, 1, t0); ok {
			t.Fatal("swapped twice")
		}
		d, err := tx.Duty(id, 2)
		if err != nil || d.State != DutyGave {
			t.Fatalf("giver %+v %v", d, err)
		}
		if d, _ := tx.Duty(id, 1); d.State != DutyOn || d.Via != "swap" {
			t.Fatalf("taker %+v", d)
		}
		if ok, _ := tx.MarkDuty(id, 1, "check_in", t0); !ok {
			t.Fatal("check-in refused")
		}
		if ok, _ := tx.MarkDuty(id, 1, "check_in", t0.Add(time.Minute)); ok {
			t.Fatal("checked in twice")
		}
		if ok, _ := tx.MarkDuty(id, 2, "check_in", t0); ok {
			t.Fatal("someone who gave the shift away checked in")
		}
		got, err := tx.PatrolShift(id)
		if err != nil || got.Taken != 2 || got.Team != "Night patrol" {
			t.Fatalf("shift %+v %v", got, err)
		}
		mine, err := tx.MemberShifts(1, t0.Add(time.Hour), t0.Add(2*time.Hour))
		if err != nil || len(mine) != 1 {
			t.Fatalf("member shifts %+v %v", mine, err)
		}
		if on, err := tx.OnPatrolTeam(1); err != nil || !on {
			t.Fatalf("lead on a patrol team: %v %v", on, err)
		}
		if on, _ := tx.OnPatrolTeam(4); on {
			t.Fatal("someone in no team is on a patrol team")
		}
		return tx.DeletePatrolShift(id)
	})
}
