package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// rotationMessages counts the messages to chat that tell of the rotation.
func (c *patCrew) rotationMessages(chat int64) int {
	return c.patCount(chat, "The rotation put you on") + c.patCount(chat, "Your coming patrol shifts")
}

// Three weeks of a daily patrol with a rotation: each member hears of
// their shifts when the template starts and then once a week, never once a
// day as the horizon moves on.
func TestRotationToldOnceAWeek(t *testing.T) {
	c := patNewCrew(t, nil) // Monday 2026-03-02 17:00 in Shanghai
	c.patTemplate("0 20 * * *", 180, 2, "east gate", c.a.ID, c.b.ID, c.c.ID, c.d.ID)
	people := []int64{c.a.ID, c.b.ID, c.c.ID, c.d.ID}
	last := map[int64]int{}
	for _, id := range people {
		if n := c.rotationMessages(id); n != 1 {
			t.Fatalf("%d told of the new rotation %d times, want once", id, n)
		}
		last[id] = 1
	}
	days := []string{"03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23"}
	toldOn := map[int64][]string{}
	for _, d := range days {
		c.patAt("2026-03-" + d + " 10:00")
		for _, id := range people {
			n := c.rotationMessages(id)
			if n-last[id] > 1 {
				t.Errorf("%d got %d rotation messages on 03-%s", id, n-last[id], d)
			}
			if n > last[id] {
				toldOn[id] = append(toldOn[id], d)
			}
			last[id] = n
		}
	}
	for _, id := range people {
		// Mondays: 03-09, 03-16, 03-23.
		if got := strings.Join(toldOn[id], " "); got != "09 16 23" {
			t.Errorf("%d was told of the rotation on 03-%s, want each Monday (09 16 23)", id, got)
		}
	}
	// What the weekly message lists is what the member holds.
	var shifts []storage.PatrolShift
	c.db(func(tx *storage.Tx) error {
		var err error
		shifts, err = tx.MemberShifts(c.a.ID, c.clock.Now(), c.clock.Now().AddDate(0, 0, 14))
		return err
	})
	week := c.tg.Messages(c.a.ID)
	var msg string
	for _, m := range week {
		if strings.Contains(m.Plain, "Your coming patrol shifts") {
			msg = m.Plain
		}
	}
	if !strings.HasPrefix(msg, "Your coming patrol shifts ("+itoa(int64(len(shifts)))+",") || strings.Count(msg, "\n• ") != len(shifts) {
		t.Errorf("the weekly message lists %d shifts, Ann holds %d: %q", strings.Count(msg, "\n• "), len(shifts), msg)
	}
}

// One /forgetme freeing many shifts asks each teammate once, listing them.
func TestForgetMeFreesShiftsInOneMessageEach(t *testing.T) {
	c := patNewCrew(t, nil)
	tpl := c.patTemplate("0 20 * * *", 180, 2, "east gate", c.a.ID, c.b.ID)
	shs := c.patShifts(tpl)
	c.say(c.a, "/forgetme")
	ask := c.tg.WaitMessage(t, c.a.ID, func(m telegramtest.Message) bool { return hasButton(m, "pv:forget") }, wait)
	c.tg.Press(c.a, ask, "pv:forget")
	c.expect(c.a.ID, "personal data is removed")
	c.settle()
	for _, sh := range shs {
		if d := c.patDuty(sh.ID); d[c.a.ID].State == storage.DutyOn {
			t.Fatalf("shift %v: Ann's duty %+v", sh.Start, d[c.a.ID])
		}
	}
	for _, u := range []int64{c.c.ID, c.d.ID} {
		var asks []telegramtest.Message
		for _, m := range c.tg.Messages(u) {
			if strings.Contains(m.Plain, "need") {
				asks = append(asks, m)
			}
		}
		if len(asks) != 1 {
			t.Fatalf("%d was asked %d times, want once", u, len(asks))
		}
		m := asks[0]
		if !strings.HasPrefix(m.Plain, "These "+itoa(int64(len(shs)))+" shifts need people.") || strings.Count(m.Plain, "needs 1 more") != len(shs) {
			t.Errorf("the ask: %q", m.Plain)
		}
		for _, sh := range shs {
			if !hasButton(m, "pt:take:"+patSID(sh)) {
				t.Errorf("no Take for shift %d", sh.ID)
			}
		}
	}
	if n := c.patCount(c.b.ID, "need"); n != 0 {
		t.Errorf("Bo, on every shift, was asked %d times", n)
	}
}
