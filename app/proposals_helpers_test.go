package app

import (
	"strings"
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

// acceptedTopic has 王阿姨 raise title for building 3 (showing her name),
// Li and 林 support it from post, its copy in building 3's group, the
// admin pull it onto a half-month talk's agenda and record it accepted;
// it returns the admin's message offering to make it a ticket or a job.
func (c *propCast) acceptedTopic(title, text string) (post, made telegramtest.Message) {
	c.t.Helper()
	post = c.propose(c.wang, title, text, "b", "show", c.b3)
	c.tg.Press(c.li, post, "pp:s:1")
	c.answered("Thank you! 2 supporters now.")
	c.tg.Press(c.lin, post, "pp:s:1")
	c.answered("3 人支持")
	ask := c.calMeetingPull(c.admin, "半月谈", "2026-03-04 19:30", "服务站", "", "pp", "bgroups", "fl:meeting:t:buildings:3")
	c.calPost(c.admin, ask)
	c.expect(c.wang.ID, "您提出或支持的议题 #1“"+title+"”已列入会议“半月谈”的议程")
	last := c.starLast(c.admin.ID)
	c.say(c.admin, "/proposals")
	list := c.starAfter(c.admin.ID, last, "pp:v:1", "")
	c.tg.Press(c.admin, list, "pp:v:1")
	page := c.starAfter(c.admin.ID, 0, "pp:o:1", "")
	c.tg.Press(c.admin, page, "pp:o:1")
	q := c.expect(c.admin.ID, "What did the meeting decide")
	c.tg.Press(c.admin, q, "fl:pp_outcome:o:outcome:accepted")
	made = c.expect(c.admin.ID, "recorded as accepted")
	c.expect(c.wang.ID, "好消息：您提出或支持的议题 #1“"+title+"”在会上被采纳了。")
	return post, made
}

// topicJob has the admin make the accepted topic of made a volunteer job
// at when, for everyone, posted to chat, and returns its copy there (job
// #1).
func (c *propCast) topicJob(made telegramtest.Message, when string, chat int64) telegramtest.Message {
	c.t.Helper()
	c.tg.Press(c.admin, made, "pp:oj:1")
	c.expect(c.admin.ID, "from the meeting's decision", "When?")
	c.say(c.admin, when)
	c.expect(c.admin.ID, "Where?")
	c.say(c.admin, "自行车棚")
	for _, data := range []string{"fl:job:o:team:0", "fl:job:o:slots:4", "fl:job:o:withdraw:24"} {
		m := c.tg.WaitMessage(c.t, c.admin.ID, func(x telegramtest.Message) bool { return hasButton(x, data) }, wait)
		c.tg.Press(c.admin, m, data)
	}
	pick := "fl:job:t:groups:" + itoa(chat)
	m := c.tg.WaitMessage(c.t, c.admin.ID, func(x telegramtest.Message) bool { return hasButton(x, pick) }, wait)
	c.tg.Press(c.admin, m, pick)
	m = c.tg.WaitMessage(c.t, c.admin.ID, func(x telegramtest.Message) bool {
		return x.ID == m.ID && strings.HasPrefix(jobButtonText(x, pick), "✓")
	}, wait)
	c.tg.Press(c.admin, m, "fl:job:f:groups")
	m = c.tg.WaitMessage(c.t, c.admin.ID, func(x telegramtest.Message) bool { return hasButton(x, "fl:job:y:ok") }, wait)
	published := c.mark()
	c.tg.Press(c.admin, m, "fl:job:y:ok")
	c.expect(c.admin.ID, "Published")
	return c.tg.Server.WaitMessageSince(c.t, published, chat, func(x telegramtest.Message) bool { return hasButton(x, "jb:su:1") }, wait)
}
