package app

import (
	"errors"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// agSeat is u's state on job (“” when none).
func (c *agCast) agSeat(job int64, u models.User) string {
	c.t.Helper()
	state := ""
	c.db(func(tx *storage.Tx) error {
		seats, err := tx.JobSeats(job)
		for _, s := range seats {
			if s.MemberID == u.ID && s.State != storage.Withdrawn {
				state = s.State
			}
		}
		return err
	})
	return state
}

// agOnShift reports whether u holds shift.
func (c *agCast) agOnShift(shift int64, u models.User) bool {
	c.t.Helper()
	on := false
	c.db(func(tx *storage.Tx) error {
		d, err := tx.Duty(shift, u.ID)
		if errors.Is(err, storage.ErrNotFound) {
			return nil
		}
		on = d.State == storage.DutyOn
		return err
	})
	return on
}

// agLastID is the id of the last message to u.
func (c *agCast) agLastID(u models.User) int {
	ms := c.tg.Messages(u.ID)
	return ms[len(ms)-1].ID
}

// Signing up to a job that overlaps a patrol shift one holds asks first:
// No changes nothing, Yes signs up.
func TestJobOverlappingAShiftAsksFirst(t *testing.T) {
	c := agNew(t, nil)
	ann := c.agPerson(6011, "Ann", "en")
	c.agTeam(ann)
	c.agShift("2026-03-03 20:00", 120, ann)
	job := c.agJob("Litter pick", "2026-03-03 21:00", 120, models.User{})
	ask := func() telegramtest.Message {
		c.act()
		c.tg.PressRaw(ann, telegramtest.PrivateChat(ann), c.agLastID(ann), "jb:su:"+itoa(job))
		c.expectAnswer("It overlaps something on your agenda")
		m := c.expect(ann.ID, "This overlaps what you have on your agenda: 🔦 Patrol shift: Night patrol · Tue 3 Mar 20:00-22:00 · Gate.",
			"Sign up for Litter pick")
		if !hasButton(m, "jb:suc:"+itoa(job)) || !hasButton(m, "jb:no:"+itoa(job)) {
			t.Fatalf("the ask has no Yes and No: %s", buttonLabels(m))
		}
		if got := c.agSeat(job, ann); got != "" {
			t.Fatalf("asking signed Ann up: %q", got)
		}
		return m
	}
	m := ask()
	c.act()
	c.tg.Press(ann, m, "jb:no:"+itoa(job))
	c.expect(ann.ID, "OK, you are not signed up for Litter pick.")
	if got := c.agSeat(job, ann); got != "" {
		t.Fatalf("No signed Ann up: %q", got)
	}
	m = ask()
	c.act()
	c.tg.Press(ann, m, "jb:suc:"+itoa(job))
	c.expect(ann.ID, "Signed up for Litter pick.")
	if got := c.agSeat(job, ann); got != storage.SignedUp {
		t.Fatalf("Yes left Ann's seat %q", got)
	}
}

// Taking a patrol shift that overlaps a job one is signed up to asks
// first, in Chinese: No changes nothing, Yes takes it.
func TestShiftOverlappingAJobAsksFirst(t *testing.T) {
	c := agNew(t, nil)
	li := c.agPerson(6012, "李", "zh")
	c.agTeam(li)
	c.agJob("Litter pick", "2026-03-05 20:30", 60, li)
	shift := c.agShift("2026-03-05 20:00", 120, models.User{})
	ask := func() telegramtest.Message {
		c.act()
		c.tg.PressRaw(li, telegramtest.PrivateChat(li), c.agLastID(li), "pt:take:"+itoa(shift))
		m := c.expect(li.ID, "这与您日程中的事项时间重叠：🙋 志愿活动：Litter pick · 3月5日（周四）20:30-21:30 · Garden。",
			"仍然认领班次Night patrol")
		if !hasButton(m, "pt:takec:"+itoa(shift)) || !hasButton(m, "pt:tkn:"+itoa(shift)) {
			t.Fatalf("the ask has no Yes and No: %s", buttonLabels(m))
		}
		if c.agOnShift(shift, li) {
			t.Fatal("asking put Li on the shift")
		}
		return m
	}
	m := ask()
	c.act()
	c.tg.Press(li, m, "pt:tkn:"+itoa(shift))
	c.expect(li.ID, "您没有认领Night patrol", "一切未变")
	if c.agOnShift(shift, li) {
		t.Fatal("No put Li on the shift")
	}
	m = ask()
	c.act()
	c.tg.Press(li, m, "pt:takec:"+itoa(shift))
	c.expect(li.ID, "您已排上")
	if !c.agOnShift(shift, li) {
		t.Fatal("Yes did not put Li on the shift")
	}
	edited := c.lookup(li.ID, func(x telegramtest.Message) bool { return x.ID == m.ID })
	if len(edited.Buttons) != 0 {
		t.Errorf("the answered ask keeps its buttons: %s", buttonLabels(edited))
	}
}
