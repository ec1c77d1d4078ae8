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

// starCast: the admin (staff, English, building 1), a building leader of
// building 3 (林), three residents (王阿姨 and Li in building 3, 赵 in
// building 1) and a community-wide group.
type starCast struct {
	*harness
	admin, lin, wang, li, zhao models.User
	group                      models.Chat
}

func newStarCast(t *testing.T, edit func(*config.Config)) *starCast {
	t.Helper()
	h := newHarness(t, edit)
	c := &starCast{harness: h,
		admin: h.user(adminID, "Boss", "en"),
		lin:   h.user(3001, "林", "zh"),
		wang:  h.user(2001, "王阿姨", "zh"),
		li:    h.user(2002, "Li", "en"),
		zhao:  h.user(2003, "赵", "zh"),
	}
	h.register(c.admin, "1", "101")
	h.register(c.lin, "3", "101")
	h.register(c.wang, "3", "502")
	h.register(c.li, "3", "301")
	h.register(c.zhao, "1", "202")
	h.say(c.admin, "/grant 3001 leader 3")
	h.expect(c.admin.ID, "林 is now")
	c.group = h.tg.Group(-100500, "南门社区群")
	h.tg.SendText(c.admin, c.group, "/linkchat community")
	h.expect(c.group.ID, "全社区群")
	return c
}

// starLast is the id of the bot's last message in chat (0 none).
func (c *starCast) starLast(chat int64) int {
	if ms := c.tg.Messages(chat); len(ms) > 0 {
		return ms[len(ms)-1].ID
	}
	return 0
}

// starAfter waits for a message to chat after message last with a button
// carrying data (data "" any) and text containing want.
func (c *starCast) starAfter(chat int64, last int, data, want string) telegramtest.Message {
	c.t.Helper()
	return c.tg.WaitMessage(c.t, chat, func(m telegramtest.Message) bool {
		return m.ID > last && (data == "" || hasButton(m, data)) && strings.Contains(m.Plain, want)
	}, wait)
}

// starPress presses data on msg and waits for the press's answer to contain want.
func (c *starCast) starPress(u models.User, msg telegramtest.Message, data, want string) {
	c.t.Helper()
	c.tg.Press(u, msg, data)
	c.starAnswer(want)
}

// starForge presses data that no message of u's carries, and waits for the refusal.
func (c *starCast) starForge(u models.User, data, want string) {
	c.t.Helper()
	c.tg.PressRaw(u, telegramtest.PrivateChat(u), 1, data)
	c.starAnswer(want)
}

// starAnswer waits for a button answer since the latest action that contains want.
func (c *starCast) starAnswer(want string) {
	c.t.Helper()
	c.answered(want)
}

// starOpen opens a round with the buttons: nom and vote days, results to
// the groups. It returns the round's id.
func (c *starCast) starOpen(nom, vote string) int64 {
	c.t.Helper()
	last := c.starLast(c.admin.ID)
	c.say(c.admin, "/stars")
	m := c.starAfter(c.admin.ID, last, "st:o", "No star round is open")
	c.tg.Press(c.admin, m, "st:o")
	m = c.starAfter(c.admin.ID, m.ID, "fl:star_open:o:nom:"+nom, "How many days for nominations?")
	c.tg.Press(c.admin, m, "fl:star_open:o:nom:"+nom)
	m = c.starAfter(c.admin.ID, m.ID, "fl:star_open:o:vote:"+vote, "How many days for voting?")
	c.tg.Press(c.admin, m, "fl:star_open:o:vote:"+vote)
	m = c.starAfter(c.admin.ID, m.ID, "fl:star_open:o:aud:groups", "Who should hear of the round")
	c.tg.Press(c.admin, m, "fl:star_open:o:aud:groups")
	m = c.starAfter(c.admin.ID, m.ID, "fl:star_open:y:ok", "Nobody, staff included, sees vote counts before the close")
	c.tg.Press(c.admin, m, "fl:star_open:y:ok")
	c.starAfter(c.admin.ID, m.ID, "", "opened; the notice went to 1 chat")
	var id int64
	c.db(func(tx *storage.Tx) error {
		rd, err := tx.ActiveStarRound()
		id = rd.ID
		return err
	})
	return id
}

// starNominate nominates member (by its button, or its id typed when it
// is not on the first page; 0: the courtyard) in cat with reason, and
// confirms; want is in the thanks.
func (c *starCast) starNominate(u models.User, round int64, cat string, member int64, reason, want string) {
	c.t.Helper()
	last := c.starLast(u.ID)
	c.say(u, "/stars")
	data := "st:n:" + itoa(round) + ":" + cat
	m := c.starAfter(u.ID, last, data, "")
	c.tg.Press(u, m, data)
	if member != 0 {
		m = c.starAfter(u.ID, m.ID, "", "")
		if pick := "fl:star_nom:k:who:" + itoa(member); hasButton(m, pick) {
			c.tg.Press(u, m, pick)
		} else {
			c.say(u, itoa(member))
		}
	}
	ask := c.starAfter(u.ID, m.ID, "fl:star_nom:x:reason", "")
	c.say(u, reason)
	ok := c.starAfter(u.ID, ask.ID, "fl:star_nom:y:ok", "")
	c.tg.Press(u, ok, "fl:star_nom:y:ok")
	c.starAfter(u.ID, ok.ID, "", want)
}

// starCand is the id of the candidate member (or building) in a round's category.
func (c *starCast) starCand(round int64, cat string, member int64, building string) int64 {
	c.t.Helper()
	var id int64
	c.db(func(tx *storage.Tx) error {
		cs, err := tx.StarCandidates(round, cat)
		for _, x := range cs {
			if x.MemberID == member && x.Building == building {
				id = x.ID
			}
		}
		return err
	})
	if id == 0 {
		c.t.Fatalf("no candidate %d/%q in %s", member, building, cat)
	}
	return id
}

// starShortlist puts candidates of cat on the shortlist with staff's buttons.
func (c *starCast) starShortlist(round int64, cat string, cands ...int64) {
	c.t.Helper()
	last := c.starLast(c.admin.ID)
	c.say(c.admin, "/stars")
	data := "st:s:" + itoa(round) + ":" + cat
	m := c.starAfter(c.admin.ID, last, data, "Vote counts are hidden from everyone, staff included")
	c.tg.Press(c.admin, m, data)
	page := c.starAfter(c.admin.ID, m.ID, "st:t:"+itoa(cands[0]), "Shortlist")
	for _, id := range cands {
		c.starPress(c.admin, page, "st:t:"+itoa(id), "Saved")
		page = c.tg.WaitMessage(c.t, c.admin.ID, func(x telegramtest.Message) bool {
			for _, row := range x.Buttons {
				if row[0].Data == "st:t:"+itoa(id) && strings.HasPrefix(row[0].Text, "★") {
					return x.ID == page.ID
				}
			}
			return false
		}, wait)
	}
}

// starConsent answers the shortlisted person's question with yes.
func (c *starCast) starConsent(u models.User, cand int64) {
	c.t.Helper()
	data := "st:c:" + itoa(cand) + ":y"
	m := c.lookup(u.ID, func(m telegramtest.Message) bool { return hasButton(m, data) }) // asked when shortlisted
	c.tg.Press(u, m, data)
	c.tg.WaitMessage(c.t, u.ID, func(x telegramtest.Message) bool { return x.ID == m.ID && len(x.Buttons) == 0 }, wait)
}

// starVote opens u's ballot for cat and votes for cand; want is the toast.
func (c *starCast) starVote(u models.User, round int64, cat string, cand int64, want string) {
	c.t.Helper()
	last := c.starLast(u.ID)
	c.say(u, "/stars")
	data := "st:b:" + itoa(round) + ":" + cat
	m := c.starAfter(u.ID, last, data, "")
	c.tg.Press(u, m, data)
	ballot := c.starAfter(u.ID, m.ID, "st:v:"+itoa(cand), "")
	c.starPress(u, ballot, "st:v:"+itoa(cand), want)
}

// starAdvance moves the clock by d and runs the scheduled work.
func (c *starCast) starAdvance(d time.Duration) {
	c.clock.Advance(d)
	c.tick()
}

// starState is the round's state.
func (c *starCast) starState(round int64) string {
	c.t.Helper()
	var s string
	c.db(func(tx *storage.Tx) error {
		rd, err := tx.StarRound(round)
		s = rd.State
		return err
	})
	return s
}
