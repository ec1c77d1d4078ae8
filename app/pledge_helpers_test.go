package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// pledgeCast is the star cast with a pledge period "2026 H2" open and
// 王阿姨 in a volunteer team: 林 (a leader) and she may pledge, 赵 may not.
type pledgeCast struct{ *starCast }

func newPledgeCast(t *testing.T) *pledgeCast {
	t.Helper()
	c := &pledgeCast{newStarCast(t, nil)}
	c.say(c.admin, "/team new Sanitation")
	c.expect(c.admin.ID, `Team "Sanitation" created`)
	c.say(c.admin, "/team add Sanitation 2001")
	c.expect(c.admin.ID, "王阿姨 joined Sanitation")
	c.say(c.admin, "/pledge period 2026 H2")
	c.expect(c.admin.ID, "Pledge period 2026 H2 opened")
	return c
}

// pledgeAsk sends /pledge as u and returns the question asking for the items.
func (c *pledgeCast) pledgeAsk(u models.User) telegramtest.Message {
	c.t.Helper()
	last := c.starLast(u.ID)
	c.say(u, "/pledge")
	return c.starAfter(u.ID, last, "fl:pl_items:x:items", "")
}

// pledgeMake pledges items as u and publishes them.
func (c *pledgeCast) pledgeMake(u models.User, items, published string) {
	c.t.Helper()
	ask := c.pledgeAsk(u)
	c.tg.SendReply(u, telegramtest.PrivateChat(u), items, ask)
	preview := c.starAfter(u.ID, ask.ID, "fl:pl_items:y:ok", "")
	c.tg.Press(u, preview, "fl:pl_items:y:ok")
	c.starAfter(u.ID, preview.ID, "", published)
}

// pledgeOf is u's pledge in the current period.
func (c *pledgeCast) pledgeOf(u models.User) storage.Pledge {
	c.t.Helper()
	var p storage.Pledge
	c.db(func(tx *storage.Tx) error {
		per, err := tx.CurrentPledgePeriod()
		if err != nil {
			return err
		}
		p, err = tx.PledgeOf(per.ID, u.ID)
		return err
	})
	return p
}

// pledgeCheck checks item pos of u's pledge off; photo sends the note as a photo caption.
func (c *pledgeCast) pledgeCheck(u models.User, p storage.Pledge, pos int, note string, photo bool, want string) {
	c.t.Helper()
	last := c.starLast(u.ID)
	c.say(u, "/pledge")
	data := "pl:d:" + itoa(p.ID) + ":" + itoa(int64(pos))
	m := c.starAfter(u.ID, last, data, "")
	c.tg.Press(u, m, data)
	ask := c.starAfter(u.ID, m.ID, "fl:pl_note:x:note", "")
	if photo {
		c.tg.SendPhoto(u, telegramtest.PrivateChat(u), note)
	} else {
		c.tg.SendReply(u, telegramtest.PrivateChat(u), note, ask)
	}
	c.starAfter(u.ID, ask.ID, "", want)
}

// pledgeOpen sends /pledges as u, opens p and returns its page.
func (c *pledgeCast) pledgeOpen(u models.User, p storage.Pledge, want string) telegramtest.Message {
	c.t.Helper()
	last := c.starLast(u.ID)
	c.say(u, "/pledges")
	m := c.starAfter(u.ID, last, "pl:v:"+itoa(p.ID), "")
	c.tg.Press(u, m, "pl:v:"+itoa(p.ID))
	return c.starAfter(u.ID, m.ID, "", want)
}

// pledgeRate rates p with stars and a word ("" skips it).
func (c *pledgeCast) pledgeRate(u models.User, p storage.Pledge, stars int, word, want string) {
	c.t.Helper()
	page := c.pledgeOpen(u, p, "")
	c.tg.Press(u, page, "pl:r:"+itoa(p.ID))
	data := "pl:rv:" + itoa(p.ID) + ":" + itoa(int64(stars))
	m := c.starAfter(u.ID, page.ID, data, "")
	c.tg.Press(u, m, data)
	m = c.tg.WaitMessage(c.t, u.ID, func(x telegramtest.Message) bool { return x.ID == m.ID && hasButton(x, "pl:rk") }, wait)
	if word == "" {
		c.tg.Press(u, m, "pl:rk")
		c.tg.WaitMessage(c.t, u.ID, func(x telegramtest.Message) bool { return x.ID == m.ID && pledgeHas(x.Plain, want) }, wait)
		return
	}
	c.say(u, word)
	c.starAfter(u.ID, m.ID, "", want)
}

func pledgeHas(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
