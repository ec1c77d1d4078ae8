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

// visCast: the admin (staff, English), 林 (zh, leader of building 3), Li
// (en, a volunteer of the team Elder care, living in building 1), 王 (zh, a
// resident of building 3 who visits nobody), and building 3's group. Visit
// rounds come before Mid-Autumn (2026-09-25), seven days ahead; the clock
// stands at 2026-09-16 12:00 in Shanghai.
type visCast struct {
	*harness
	admin, lin, li, wang models.User
	g3                   models.Chat
}

func newVisCast(t *testing.T) *visCast {
	t.Helper()
	h := newHarness(t, func(c *config.Config) {
		c.Visits = config.Visits{Holidays: []string{"mid_autumn"}, DaysBefore: 7}
	})
	h.clock.Advance(visAt(t, "2026-09-16 12:00").Sub(h.clock.Now()))
	c := &visCast{harness: h,
		admin: h.user(adminID, "Boss", "en"),
		lin:   h.user(3001, "林", "zh"),
		li:    h.user(3002, "Li", "en"),
		wang:  h.user(2001, "王阿姨", "zh"),
	}
	c.lin.Username, c.li.Username = "linlead", "livol"
	h.register(c.admin, "1", "101")
	h.register(c.lin, "3", "101")
	h.register(c.li, "1", "102")
	h.register(c.wang, "3", "502")
	h.say(c.admin, "/grant 3001 leader 3")
	h.expect(c.admin.ID, "林")
	h.say(c.admin, "/team new Elder care")
	h.expect(c.admin.ID, `Team "Elder care" created`)
	h.say(c.admin, "/team add Elder care 3002")
	h.expect(c.admin.ID, "Li joined Elder care")
	c.g3 = h.tg.Group(-100300, "3号楼")
	h.tg.SendText(c.admin, c.g3, "/linkchat 3")
	h.expect(c.g3.ID, "本群已关联到 3 栋")
	return c
}

// visAt is a wall-clock time in Shanghai.
func visAt(t *testing.T, s string) time.Time {
	t.Helper()
	return wallAt(t, s)
}

// visLast is the id of the bot's last message in chat (0 none).
func (c *visCast) visLast(chat int64) int {
	if ms := c.tg.Messages(chat); len(ms) > 0 {
		return ms[len(ms)-1].ID
	}
	return 0
}

// visNext waits for a message in chat after id after that contains every
// part and, if data is not "", has a button with data as prefix.
func (c *visCast) visNext(chat int64, after int, data string, parts ...string) telegramtest.Message {
	c.t.Helper()
	return c.tg.WaitMessage(c.t, chat, func(m telegramtest.Message) bool {
		if m.ID <= after || (data != "" && !hasButtonPrefix(m, data)) {
			return false
		}
		for _, p := range parts {
			if !strings.Contains(m.Plain, p) {
				return false
			}
		}
		return true
	}, wait)
}

// visSay sends text in u's private chat and waits for the answer with
// data (a button prefix, or "") and parts.
func (c *visCast) visSay(u models.User, text, data string, parts ...string) telegramtest.Message {
	c.t.Helper()
	c.visBreathe()
	last := c.visLast(u.ID)
	c.say(u, text)
	return c.visNext(u.ID, last, data, parts...)
}

// visPress presses data on m as u and waits for a new message with
// wantData (a button prefix, or "") and parts.
func (c *visCast) visPress(u models.User, m telegramtest.Message, data, wantData string, parts ...string) telegramtest.Message {
	c.t.Helper()
	c.visBreathe()
	last := c.visLast(u.ID)
	c.tg.Press(u, m, data)
	return c.visNext(u.ID, last, wantData, parts...)
}

// visEdited presses data on m as u and waits for m to be changed to carry
// every part.
func (c *visCast) visEdited(u models.User, m telegramtest.Message, data string, parts ...string) telegramtest.Message {
	c.t.Helper()
	c.visBreathe()
	edits := m.Edits
	c.tg.Press(u, m, data)
	return c.tg.WaitMessage(c.t, u.ID, func(x telegramtest.Message) bool {
		if x.ID != m.ID || x.Edits <= edits {
			return false
		}
		for _, p := range parts {
			if !strings.Contains(x.Plain, p) {
				return false
			}
		}
		return true
	}, wait)
}

// visHousehold is a household as /care asks for it.
type visHousehold struct {
	building, unit, name, reason, reasonText, contact, notes string
}

// visAdd walks the admin through /care's Add, confirms, and returns the
// household's page and id.
func (c *visCast) visAdd(hh visHousehold) (telegramtest.Message, int64) {
	c.t.Helper()
	list := c.visSay(c.admin, "/care", "cr:new", "Care list")
	m := c.visPress(c.admin, list, "cr:new", "fl:care:o:building:", "Which building")
	m = c.visPress(c.admin, m, "fl:care:o:building:"+hh.building, "", "unit")
	m = c.visSay(c.admin, hh.unit, "", "name")
	m = c.visSay(c.admin, hh.name, "fl:care:o:reason:", "Why")
	if hh.reason == "other" {
		m = c.visPress(c.admin, m, "fl:care:o:reason:other", "", "few words")
		m = c.visSay(c.admin, hh.reasonText, "fl:care:s:contact", "contact")
	} else {
		m = c.visPress(c.admin, m, "fl:care:o:reason:"+hh.reason, "fl:care:s:contact", "contact")
	}
	if hh.contact == "" {
		m = c.visPress(c.admin, m, "fl:care:s:contact", "fl:care:s:notes", "Notes")
	} else {
		m = c.visSay(c.admin, hh.contact, "fl:care:s:notes", "Notes")
	}
	if hh.notes == "" {
		m = c.visPress(c.admin, m, "fl:care:s:notes", "fl:care:y:ok", "Add this household", hh.name)
	} else {
		m = c.visSay(c.admin, hh.notes, "fl:care:y:ok", "Add this household", hh.name)
	}
	m = c.visPress(c.admin, m, "fl:care:y:ok", "cr:vis:", "Household added")
	var id int64
	c.db(func(tx *storage.Tx) error {
		hs, err := tx.Households(false)
		for _, h := range hs {
			if h.Name == hh.name {
				id = h.ID
			}
		}
		return err
	})
	if id == 0 {
		c.t.Fatalf("household %s not stored", hh.name)
	}
	return m, id
}

// visAssign chooses member as a visitor of household id from its page,
// by the name's button, and returns the page sent after it.
func (c *visCast) visAssign(page telegramtest.Message, id int64, member int64) telegramtest.Message {
	c.t.Helper()
	pick := c.visEdited(c.admin, page, "cr:vis:"+itoa(id), "Visitors of")
	who := c.visPress(c.admin, pick, "cr:va:"+itoa(id), "fl:care_vis:k:who:"+itoa(member), "Who should visit?")
	return c.visPress(c.admin, who, "fl:care_vis:k:who:"+itoa(member), "cr:vis:", "Saved")
}

// visRound moves the clock to the round's start and runs it.
func (c *visCast) visRound() {
	c.t.Helper()
	c.tick() // lays the rounds out
	c.clock.Advance(visAt(c.t, "2026-09-18 09:00").Sub(c.clock.Now()))
	c.tick()
}

// visVisit returns the visit of household id in the Mid-Autumn 2026 round.
func (c *visCast) visVisit(id int64) storage.Visit {
	c.t.Helper()
	var out storage.Visit
	c.db(func(tx *storage.Tx) error {
		vs, err := tx.Visits("mid_autumn", 2026)
		for _, v := range vs {
			if v.HouseholdID == id {
				out = v
			}
		}
		return err
	})
	if out.ID == 0 {
		c.t.Fatalf("no visit planned for household %d", id)
	}
	return out
}

// visAnswered waits for a button answer since the latest action that contains want.
func (c *visCast) visAnswered(want string) {
	c.t.Helper()
	c.answered(want)
}

// visBreathe moves the clock two seconds, so that a flow of many presses
// stays under the per-person limit of commands a minute, as a person would.
func (c *visCast) visBreathe() { c.clock.Advance(2 * time.Second) }
