package app

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// calShanghai is the test community's zone.
var calShanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// calAt is a wall time in the community's zone, "2006-01-02 15:04".
func calAt(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, calShanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// calTo moves the clock to a wall time in the community's zone.
func (h *harness) calTo(s string) {
	h.t.Helper()
	to := calAt(h.t, s)
	if d := to.Sub(h.clock.Now()); d < 0 {
		h.t.Fatalf("the clock cannot go back to %s", s)
	} else {
		h.clock.Advance(d)
	}
}

// calLast is the newest message id in chat, 0 if none.
func (h *harness) calLast(chat int64) int {
	last := 0
	for _, m := range h.tg.Messages(chat) {
		last = max(last, m.ID)
	}
	return last
}

// calWait waits for a message in chat newer than after that match accepts.
func (h *harness) calWait(chat int64, after int, match func(telegramtest.Message) bool) telegramtest.Message {
	h.t.Helper()
	return h.tg.WaitMessage(h.t, chat, func(m telegramtest.Message) bool { return m.ID > after && match(m) }, wait)
}

// calText waits for a message in chat newer than after containing every part.
func (h *harness) calText(chat int64, after int, parts ...string) telegramtest.Message {
	h.t.Helper()
	return h.calWait(chat, after, func(m telegramtest.Message) bool {
		for _, p := range parts {
			if !strings.Contains(m.Plain, p) {
				return false
			}
		}
		return true
	})
}

// calPressNew waits for a message newer than after with the button data and
// presses it.
func (h *harness) calPressNew(u models.User, after int, data string) telegramtest.Message {
	h.t.Helper()
	m := h.calWait(u.ID, after, func(m telegramtest.Message) bool { return hasButton(m, data) })
	h.tg.Press(u, m, data)
	return m
}

// calTyped are the steps of /schedule where a preset's time is typed.
var calTyped = map[string]string{"day": "daytime", "once": "once", "cron": "cron", "hol": "holtime"}

// calAdd walks u through /schedule: preset (115, mon, day, once, cron, or
// hol:<holiday>) with typed for those asking a time, the audience and its
// picks (the buttons' data), the text, Read ✓ or not; it confirms, and
// returns the confirmation's text and the schedule's id.
func (h *harness) calAdd(u models.User, preset, typed, audience, text string, ack bool, picks ...string) (string, int64) {
	h.t.Helper()
	last := h.calLast(u.ID)
	h.say(u, "/schedule")
	m := h.calPressNew(u, last, "sc:new")
	how, key, hol := strings.Cut(preset, ":")
	h.calPressNew(u, m.ID, "fl:schedule:o:how:"+how)
	if hol {
		h.calPressNew(u, m.ID, "fl:schedule:o:holiday:"+key)
	}
	if typed != "" {
		h.calWait(u.ID, m.ID, func(x telegramtest.Message) bool { return hasButton(x, "fl:schedule:x:"+calTyped[how]) })
		h.say(u, typed)
	}
	aud := h.calPressNew(u, m.ID, "fl:schedule:o:audience:"+audience)
	for _, p := range picks {
		x := h.calWait(u.ID, aud.ID, func(x telegramtest.Message) bool { return hasButton(x, p) })
		h.tg.Press(u, x, p)
	}
	if len(picks) > 0 {
		done := h.calWait(u.ID, aud.ID, func(x telegramtest.Message) bool { return hasButton(x, "fl:schedule:f:buildings") && calTicked(x) })
		h.tg.Press(u, done, "fl:schedule:f:buildings")
	}
	h.calWait(u.ID, aud.ID, func(x telegramtest.Message) bool { return hasButton(x, "fl:schedule:x:text") })
	h.say(u, text)
	answer := "fl:schedule:o:ack:noack"
	if ack {
		answer = "fl:schedule:o:ack:ack"
	}
	h.calPressNew(u, aud.ID, answer)
	ok := h.calPressNew(u, aud.ID, "fl:schedule:y:ok")
	saved := h.calWait(u.ID, ok.ID, func(x telegramtest.Message) bool { return calSavedID(x.Plain) != 0 })
	return ok.Plain, calSavedID(saved.Plain)
}

var calSavedRe = regexp.MustCompile(`(?:scheduled notice|定时通知) #(\d+)`)

func calSavedID(s string) int64 {
	m := calSavedRe.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

var calRunRe = regexp.MustCompile(`• ([^\n]*\d\d:\d\d)`)

// calRuns are the run times listed in a message.
func calRuns(s string) []string {
	var out []string
	for _, m := range calRunRe.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// calPending is the pending run of a schedule, or a zero item.
func (h *harness) calPending(kind string, id int64) storage.DueItem {
	h.t.Helper()
	var it storage.DueItem
	h.db(func(tx *storage.Tx) error {
		items, err := tx.PendingDue(kind, strconv.FormatInt(id, 10)+":")
		if len(items) > 1 {
			h.t.Errorf("schedule %d has %d pending runs", id, len(items))
		}
		if len(items) > 0 {
			it = items[0]
		}
		return err
	})
	return it
}

// calCount counts the messages in chat containing text.
func (h *harness) calCount(chat int64, text string) int {
	n := 0
	for _, m := range h.tg.Messages(chat) {
		if strings.Contains(m.Plain, text) {
			n++
		}
	}
	return n
}

// calSchedules counts the schedules not deleted.
func (h *harness) calSchedules() int {
	n := 0
	h.db(func(tx *storage.Tx) error {
		list, err := tx.Schedules(0, 1000)
		n = len(list)
		return err
	})
	return n
}

// calTicked reports a building picker with a building ticked.
func calTicked(m telegramtest.Message) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Text, "✓") {
				return true
			}
		}
	}
	return false
}
