package app

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// propCast is the star cast with building 3's group linked too, and two
// supports enough for a meeting's agenda.
type propCast struct {
	*starCast
	b3 models.Chat
}

func newPropCast(t *testing.T) *propCast {
	t.Helper()
	return newPropCastWith(t, nil)
}

// newPropCastWith is newPropCast with the config changed by edit too.
func newPropCastWith(t *testing.T, edit func(*config.Config)) *propCast {
	t.Helper()
	c := &propCast{starCast: newStarCast(t, func(cfg *config.Config) {
		cfg.Proposals.AgendaThreshold = 2
		if edit != nil {
			edit(cfg)
		}
	})}
	c.b3 = c.tg.Group(-100300, "3号楼群")
	c.tg.SendText(c.admin, c.b3, "/linkchat 3")
	c.expect(c.b3.ID, "3")
	return c
}

// propose walks u through /propose with a typed title and text, no photo,
// their building or the community (where "b" or "all"), the name shown or
// hidden (name "show" or "hide"), confirms it and returns the group's line.
func (c *propCast) propose(u models.User, title, text, where, name string, group models.Chat) telegramtest.Message {
	c.t.Helper()
	last := c.starLast(u.ID)
	c.say(u, "/propose")
	c.starAfter(u.ID, last, "fl:propose:x:title", "")
	last = c.starLast(u.ID)
	c.say(u, title)
	c.starAfter(u.ID, last, "fl:propose:x:body", "")
	last = c.starLast(u.ID)
	c.say(u, text)
	m := c.starAfter(u.ID, last, "fl:propose:s:photo", "")
	c.tg.Press(u, m, "fl:propose:s:photo")
	m = c.starAfter(u.ID, m.ID, "fl:propose:o:where:"+where, "")
	c.tg.Press(u, m, "fl:propose:o:where:"+where)
	m = c.starAfter(u.ID, m.ID, "fl:propose:o:name:"+name, "")
	c.tg.Press(u, m, "fl:propose:o:name:"+name)
	m = c.starAfter(u.ID, m.ID, "fl:propose:y:ok", "")
	c.tg.Press(u, m, "fl:propose:y:ok")
	return c.expect(group.ID, title)
}

// proposal reads proposal id from the database.
func (c *propCast) proposal(id int64) storage.Proposal {
	c.t.Helper()
	var p storage.Proposal
	c.db(func(tx *storage.Tx) error {
		var err error
		p, err = tx.Proposal(id)
		return err
	})
	return p
}

// resolveAs has building 3's leader 林 claim and resolve ticket id from
// his notice with note, and returns the reporter's "is it fixed?".
func (c *propCast) resolveAs(id, note string, reporter models.User) telegramtest.Message {
	c.t.Helper()
	notice := c.tg.WaitMessage(c.t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:claim:"+id) }, wait)
	c.tg.Press(c.lin, notice, "tk:claim:"+id)
	claimed := c.tg.WaitMessage(c.t, c.lin.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:res:"+id) }, wait)
	c.tg.Press(c.lin, claimed, "tk:res:"+id)
	res := c.expect(c.lin.ID, "#"+id+"：做了什么处理")
	c.tg.SendReply(c.lin, telegramtest.PrivateChat(c.lin), note, res)
	return c.tg.WaitMessage(c.t, reporter.ID, func(m telegramtest.Message) bool { return hasButton(m, "tk:fb:"+id+":yes") }, wait)
}
