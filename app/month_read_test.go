package app

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// monthSent is when message m reached its chat, by the outbox's record.
func (c *monthCast) monthSent(m telegramtest.Message, rows []outRow) time.Time {
	for _, r := range rows {
		if r.chat == m.ChatID && r.messageID == m.ID && r.state == storage.OutSent {
			return r.sent
		}
	}
	return m.Date
}

// monthWeek is the number of the Monday-to-Sunday week m arrived in.
func (c *monthCast) monthWeek(m telegramtest.Message, rows []outRow) int {
	at := c.monthSent(m, rows).In(c.cfg.Location())
	return int(at.Sub(wallAt(c.t, "2026-09-07 00:00")).Hours()) / (24 * 7)
}

// monthDay is the day (MM-DD) m arrived on.
func (c *monthCast) monthDay(m telegramtest.Message, rows []outRow) string {
	return c.monthSent(m, rows).In(c.cfg.Location()).Format("01-02")
}

// monthHeld counts the routine messages written in the quiet hours and
// sent after them.
func (c *monthCast) monthHeld() int {
	n := 0
	for _, r := range c.monthRows() {
		if r.state == storage.OutSent && monthSends[r.method] && r.class == storage.ClassRoutine && inQuiet(r.created) && !inQuiet(r.sent) {
			n++
		}
	}
	return n
}

// monthRemindersOnTime checks every sent reminder of a patrol shift, a job
// or a meeting against the start the database holds for it.
func (c *monthCast) monthRemindersOnTime(rows []outRow) {
	t := c.t
	checked := 0
	for _, r := range rows {
		if r.state != storage.OutSent || !monthSends[r.method] {
			continue
		}
		parts := strings.SplitN(r.ref, ":", 3) // due:<kind>:<key>
		if len(parts) != 3 || parts[0] != "due" {
			continue
		}
		id, _ := strconv.ParseInt(strings.Split(parts[2], ":")[0], 10, 64)
		var start time.Time
		c.db(func(tx *storage.Tx) error {
			switch parts[1] {
			case "patrol.eve", "patrol.soon", "patrol.short":
				sh, err := tx.PatrolShift(id)
				start = sh.Start
				return err
			case "job.remind", "job.short":
				j, err := tx.Job(id)
				start = j.Start
				return err
			case "meeting.remind":
				m, err := tx.Meeting(id)
				start = m.StartsAt
				return err
			}
			return nil
		})
		if start.IsZero() {
			continue
		}
		checked++
		if r.sent.After(start) {
			t.Errorf("a %s reminder to %d came at %s, after the start %s", parts[1], r.chat,
				r.sent.In(c.cfg.Location()).Format("01-02 15:04"), start.In(c.cfg.Location()).Format("01-02 15:04"))
		}
	}
	if checked == 0 {
		t.Errorf("no reminders were sent in the month")
	}
	t.Logf("  reminders checked against their start: %d", checked)
}

// monthTranscript writes what a zh and an en resident, a rotation member,
// the leader, the patrol lead and staff received, with the hour.
func (c *monthCast) monthTranscript(path string, rows []outRow) {
	var b strings.Builder
	for _, who := range []struct {
		role string
		u    models.User
	}{{"zh resident", c.wang}, {"en resident", c.li}, {"rotation member", c.crew[0]}, {"leader", c.lin},
		{"patrol lead", c.zhou}, {"staff", c.admin}, {"zh resident of building 3 (fixture)", c.residents[205]}} {
		fmt.Fprintf(&b, "\n==================== %s: %s (%d, %s)\n", who.role, who.u.FirstName, who.u.ID, who.u.LanguageCode)
		for _, m := range c.tg.Messages(who.u.ID) {
			at := c.monthSent(m, rows).In(c.cfg.Location()).Format("Mon 01-02 15:04")
			fmt.Fprintf(&b, "--- %s #%d edits=%d\n%s\n", at, m.ID, m.Edits, m.Plain)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		c.t.Errorf("transcript: %v", err)
	}
}
