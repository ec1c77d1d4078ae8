package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// jobCast is a community with a sanitation team: Lin (en) leads it and
// organises; 王 (zh), Li (en) and 赵 (zh) are members; Chen (en) is a
// resident outside the team. Building 3 and the community have groups.
type jobCast struct {
	*harness
	admin, lin, wang, li, zhao, chen models.User
	group3, community                models.Chat
	team                             int64
	published                        map[int64]telegramtest.Mark // job → the mark of its Publish press
}

func newJobCast(t *testing.T, edit func(*config.Config)) *jobCast {
	t.Helper()
	h := newHarness(t, edit)
	c := &jobCast{harness: h, published: map[int64]telegramtest.Mark{},
		admin:     h.user(adminID, "Boss", "en"),
		lin:       h.user(3001, "Lin", "en"),
		wang:      h.user(2001, "王阿姨", "zh"),
		li:        h.user(2002, "Li", "en"),
		zhao:      h.user(2003, "赵", "zh"),
		chen:      h.user(2004, "Chen", "en"),
		group3:    h.tg.Group(-100300, "3号楼"),
		community: h.tg.Group(-100900, "南门社区"),
	}
	for i, u := range []models.User{c.admin, c.lin, c.wang, c.li, c.zhao, c.chen} {
		h.register(u, "3", itoa(int64(101+i)))
	}
	h.say(c.admin, "/grant 3001 leader 3")
	h.expect(c.admin.ID, "is now building leader")
	h.tg.SendText(c.admin, c.group3, "/linkchat 3")
	h.expect(c.group3.ID, "本群已关联到 3 栋")
	h.tg.SendText(c.admin, c.community, "/linkchat community")
	h.expect(c.community.ID, "南门社区")
	h.say(c.admin, "/team new Sanitation")
	h.expect(c.admin.ID, "Sanitation")
	h.lgWrite(func(tx *storage.Tx) error {
		tm, err := tx.TeamByName("Sanitation")
		if err != nil {
			return err
		}
		c.team = tm.ID
		for _, u := range []models.User{c.lin, c.wang, c.li, c.zhao} {
			if err := tx.AddTeamMember(tm.ID, u.ID, h.clock.Now()); err != nil {
				return err
			}
		}
		return tx.SetTeamLead(tm.ID, c.lin.ID, true, h.clock.Now())
	})
	return c
}

// jobSpec is what the organiser answers in the /job flow.
type jobSpec struct {
	title, when, place string
	team               string // the team's option: its id, "0" for everyone
	slots              string // 4, 6 or 8 pressed, or a number typed
	withdraw           string // hours
	chats              []int64
}

// jobCreate walks org through /job and returns the published job's id.
func (c *jobCast) jobCreate(org models.User, s jobSpec) int64 {
	c.t.Helper()
	pub := c.jobPreview(org, s)
	c.tg.Press(org, pub, "fl:job:y:ok")
	published := c.mark()
	done := c.tg.WaitMessage(c.t, org.ID, func(x telegramtest.Message) bool { return x.ID == pub.ID && hasButtonPrefix(x, "jb:cx:") }, wait)
	id := int64(idFromButton(c.t, done, "jb:cx:"))
	c.published[id] = published
	return id
}

// jobPreview walks org through /job up to the confirmation and returns it.
func (c *jobCast) jobPreview(org models.User, s jobSpec) telegramtest.Message {
	c.t.Helper()
	c.say(org, "/job")
	c.jobStep(org, "title")
	c.say(org, s.title)
	c.jobStep(org, "when")
	c.say(org, s.when)
	c.jobStep(org, "place")
	c.say(org, s.place)
	m := c.jobStep(org, "team")
	c.tg.Press(org, m, "fl:job:o:team:"+s.team)
	m = c.jobStep(org, "slots")
	if s.slots == "4" || s.slots == "6" || s.slots == "8" {
		c.tg.Press(org, m, "fl:job:o:slots:"+s.slots)
	} else {
		c.say(org, s.slots)
	}
	m = c.jobStep(org, "withdraw")
	c.tg.Press(org, m, "fl:job:o:withdraw:"+s.withdraw)
	m = c.jobStep(org, "groups")
	for _, chat := range s.chats {
		data := "fl:job:t:groups:" + itoa(chat)
		c.tg.Press(org, m, data)
		m = c.tg.WaitMessage(c.t, org.ID, func(x telegramtest.Message) bool {
			return x.ID == m.ID && strings.HasPrefix(jobButtonText(x, data), "✓")
		}, wait)
	}
	c.tg.Press(org, m, "fl:job:f:groups")
	return c.jobStep(org, "ok")
}

// jobStep waits for the question of step of /job that the latest action
// caused: the message with that step's Cancel.
func (c *jobCast) jobStep(org models.User, step string) telegramtest.Message {
	c.t.Helper()
	return c.tg.WaitMessage(c.t, org.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:job:x:"+step) }, wait)
}

func jobButtonText(m telegramtest.Message, data string) string {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Data == data {
				return b.Text
			}
		}
	}
	return ""
}

// jobCopy waits for the copy of job id (made with jobCreate) that its
// publishing sent to chat.
func (c *jobCast) jobCopy(chat, id int64) telegramtest.Message {
	c.t.Helper()
	published, ok := c.published[id]
	if !ok {
		c.t.Fatalf("job %d was not published by jobCreate", id)
	}
	return c.tg.Server.WaitMessageSince(c.t, published, chat, func(m telegramtest.Message) bool { return hasButton(m, "jb:su:"+itoa(id)) }, wait)
}

// jobNow is message id of chat as it is now.
func (c *jobCast) jobNow(chat int64, id int) telegramtest.Message {
	c.t.Helper()
	for _, m := range c.tg.Messages(chat) {
		if m.ID == id {
			return m
		}
	}
	c.t.Fatalf("no message %d in chat %d", id, chat)
	return telegramtest.Message{}
}

// jobCount counts the messages in chat whose text has every part.
func (c *jobCast) jobCount(chat int64, parts ...string) int {
	n := 0
	for _, m := range c.tg.Messages(chat) {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(m.Plain, p)
		}
		if ok {
			n++
		}
	}
	return n
}

// jobPress presses data on m as u and waits for the answer containing part.
func (c *jobCast) jobPress(u models.User, m telegramtest.Message, data, part string) {
	c.t.Helper()
	c.tg.Press(u, m, data)
	c.expectAnswer(part)
}

// jobForge presses made-up data on message id in chat as u and waits for
// the answer containing part.
func (c *jobCast) jobForge(u models.User, chat models.Chat, id int, data, part string) {
	c.t.Helper()
	c.tg.PressRaw(u, chat, id, data)
	c.expectAnswer(part)
}

// jobAt moves the clock to t (in the community's zone, "2006-01-02 15:04").
func (c *jobCast) jobAt(s string) {
	c.t.Helper()
	at := lgAt(c.t, s)
	d := at.Sub(c.clock.Now())
	if d < 0 {
		c.t.Fatalf("the clock cannot go back to %s", s)
	}
	c.clock.Advance(d)
}

// jobTick runs the scheduled scan and waits for what it sent.
func (c *jobCast) jobTick() {
	c.t.Helper()
	c.tick()
	c.settle()
}

// jobCopyShows waits until copy m, changed since the latest action, reads
// every part, and not any of not.
func (c *jobCast) jobCopyShows(m telegramtest.Message, parts []string, not ...string) {
	c.t.Helper()
	c.jobCopyShowsSince(c.mark(), m, parts, not...)
}

// jobCopyShowsSince is jobCopyShows for a change since mark since.
func (c *jobCast) jobCopyShowsSince(since telegramtest.Mark, m telegramtest.Message, parts []string, not ...string) {
	c.t.Helper()
	c.tg.WaitMessageSince(c.t, since, m.ChatID, func(x telegramtest.Message) bool {
		if x.ID != m.ID {
			return false
		}
		for _, p := range parts {
			if !strings.Contains(x.Plain, p) {
				return false
			}
		}
		for _, p := range not {
			if strings.Contains(x.Plain, p) {
				return false
			}
		}
		return true
	}, wait)
}

func stringsContains(s, sub string) bool { return strings.Contains(s, sub) }
