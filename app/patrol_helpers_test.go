package app

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// patCrew is a patrol team written straight into the database: a lead and
// four members, and one person outside the team. Everyone speaks English
// and lives in building 3.
type patCrew struct {
	*harness
	team                    int64
	lead, a, b, c, d, other models.User
}

// patNewCrew starts the bot (edit may change the config) and the crew.
func patNewCrew(t *testing.T, edit func(*config.Config)) *patCrew {
	t.Helper()
	h := newHarness(t, edit)
	c := &patCrew{harness: h}
	c.lead = c.patPerson(4001, "Lena")
	c.a = c.patPerson(4002, "Ann")
	c.b = c.patPerson(4003, "Bo")
	c.c = c.patPerson(4004, "Cy")
	c.d = c.patPerson(4005, "Di")
	c.other = c.patPerson(4006, "Ed")
	now := h.clock.Now()
	h.lgWrite(func(tx *storage.Tx) error {
		var err error
		if c.team, err = tx.CreateTeam("Night patrol", c.lead.ID, false, now); err != nil {
			return err
		}
		for _, u := range []models.User{c.a, c.b, c.c, c.d} {
			if err := tx.AddTeamMember(c.team, u.ID, now); err != nil {
				return err
			}
		}
		return nil
	})
	return c
}

// patPerson is a registered resident of building 3 the bot can write to.
func (c *patCrew) patPerson(id int64, name string) models.User {
	u := c.user(id, name, "en")
	c.lgWrite(func(tx *storage.Tx) error {
		if err := tx.TouchMember(id, name, "", "en", c.clock.Now()); err != nil {
			return err
		}
		return tx.Register(id, "3", "101", c.clock.Now())
	})
	c.say(u, "/help") // opens the private chat, as people do
	c.expect(u.ID, "/shifts")
	return u
}

// patTemplate stores a template and lets the hourly job lay it out.
func (c *patCrew) patTemplate(spec string, minutes, slots int, area string, rotation ...int64) int64 {
	c.t.Helper()
	var id int64
	c.lgWrite(func(tx *storage.Tx) error {
		var err error
		id, err = tx.CreatePatrolTemplate(storage.PatrolTemplate{TeamID: c.team, Spec: spec, Minutes: minutes, Slots: slots,
			Area: area, Rotation: rotation}, c.clock.Now())
		return err
	})
	c.tick()
	return id
}

// patShifts returns the template's shifts, earliest first.
func (c *patCrew) patShifts(tpl int64) []storage.PatrolShift {
	c.t.Helper()
	var out []storage.PatrolShift
	c.db(func(tx *storage.Tx) error {
		var err error
		out, err = tx.TemplateShiftsFrom(tpl, time.Time{})
		return err
	})
	return out
}

// patDuty returns who is on the shift, by state.
func (c *patCrew) patDuty(shift int64) map[int64]storage.PatrolDuty {
	c.t.Helper()
	out := map[int64]storage.PatrolDuty{}
	c.db(func(tx *storage.Tx) error {
		ds, err := tx.ShiftDuty(shift)
		for _, d := range ds {
			out[d.MemberID] = d
		}
		return err
	})
	return out
}

// patPut puts people on a shift as if they had taken it.
func (c *patCrew) patPut(shift int64, us ...models.User) {
	c.t.Helper()
	c.lgWrite(func(tx *storage.Tx) error {
		for _, u := range us {
			if ok, err := tx.TakeSlot(shift, u.ID, "take", c.clock.Now()); err != nil || !ok {
				c.t.Fatalf("put %d on shift %d: %v %v", u.ID, shift, ok, err)
			}
		}
		return nil
	})
}

// patCount counts the messages in chat whose text holds part.
func (c *patCrew) patCount(chat int64, part string) int {
	c.t.Helper()
	c.settle() // what was queued has arrived before it is counted
	n := 0
	for _, m := range c.tg.Messages(chat) {
		if strings.Contains(m.Plain, part) {
			n++
		}
	}
	return n
}

// patWait waits for a message to u after message after, holding part and
// (if data is not "") a button with that data.
func (c *patCrew) patWait(u models.User, after int, part, data string) telegramtest.Message {
	c.t.Helper()
	return c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool {
		return m.ID > after && strings.Contains(m.Plain, part) && (data == "" || hasButton(m, data))
	}, wait)
}

// patFind looks up a message to u anywhere in the chat's history holding
// part and (if data is not "") a button with that data.
func (c *patCrew) patFind(u models.User, part, data string) telegramtest.Message {
	c.t.Helper()
	return c.lookup(u.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, part) && (data == "" || hasButton(m, data))
	})
}

// patLast is the id of the last message to u (0 none).
func (c *patCrew) patLast(u models.User) int {
	ms := c.tg.Messages(u.ID)
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].ID
}

// patAt moves the clock to a wall-clock time in the community's zone and
// runs the scheduled jobs.
func (c *patCrew) patAt(s string) {
	c.t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", s, c.cfg.Location())
	if err != nil {
		c.t.Fatal(err)
	}
	c.clock.Advance(at.Sub(c.clock.Now()))
	c.tick()
	c.settle()
}

// patSID is a shift id as callback data.
func patSID(sh storage.PatrolShift) string { return itoa(sh.ID) }
