package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// teamCast: the admin (staff, English), a team lead (Chinese), two
// residents, an open team Sanitation and a restricted team Elder care led
// by the lead.
type teamCast struct {
	*harness
	admin, lead, wang, li models.User
	care, sweep           int64
}

func newTeamCast(t *testing.T) *teamCast {
	t.Helper()
	h := newHarness(t, nil)
	c := &teamCast{harness: h,
		admin: h.user(adminID, "Boss", "en"),
		lead:  h.user(3001, "林", "zh"),
		wang:  h.user(2001, "王阿姨", "zh"),
		li:    h.user(2002, "Li", "en"),
	}
	h.register(c.admin, "1", "101")
	h.register(c.lead, "3", "101")
	h.register(c.wang, "3", "502")
	h.register(c.li, "3", "301")
	c.say(c.admin, "/team new Sanitation")
	c.expect(c.admin.ID, `Team "Sanitation" created`)
	c.say(c.admin, "/team new Elder care")
	c.expect(c.admin.ID, `Team "Elder care" created`)
	c.say(c.admin, "/team lead Elder care 3001")
	c.expect(c.admin.ID, "林 now leads Elder care")
	c.expect(c.lead.ID, "您现在是志愿队伍“Elder care”的队长")
	c.care, c.sweep = c.teamID("Elder care"), c.teamID("Sanitation")
	// Staff make Elder care restricted with the button on its page.
	page := c.teamPage(c.admin, "Elder care", "Open team")
	c.tg.Press(c.admin, page, "tm:restr:"+itoa(c.care)+":1")
	c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool {
		return m.ID == page.ID && strings.Contains(m.Plain, "Joining needs the approval")
	}, wait)
	return c
}

// teamID is the id of the team called name.
func (c *teamCast) teamID(name string) int64 {
	c.t.Helper()
	var id int64
	c.db(func(tx *storage.Tx) error {
		tm, err := tx.TeamByName(name)
		id = tm.ID
		return err
	})
	return id
}

// teamPage sends /team name as u and waits for the page containing want.
func (c *teamCast) teamPage(u models.User, name, want string) telegramtest.Message {
	c.t.Helper()
	last := c.teamLastID(u.ID)
	c.say(u, "/team "+name)
	return c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool {
		return m.ID > last && strings.HasPrefix(m.Plain, name) && strings.Contains(m.Plain, want)
	}, wait)
}

// teamList sends /teams as u and waits for the list with a button for team.
func (c *teamCast) teamList(u models.User, data string) telegramtest.Message {
	c.t.Helper()
	last := c.teamLastID(u.ID)
	c.say(u, "/teams")
	return c.tg.WaitMessage(c.t, u.ID, func(m telegramtest.Message) bool { return m.ID > last && hasButton(m, data) }, wait)
}

// teamLastID is the id of the bot's last message in chat (0 none).
func (c *teamCast) teamLastID(chat int64) int {
	if ms := c.tg.Messages(chat); len(ms) > 0 {
		return ms[len(ms)-1].ID
	}
	return 0
}

// teamIn reports whether member is in team.
func (c *teamCast) teamIn(team, member int64) bool {
	c.t.Helper()
	var in bool
	c.db(func(tx *storage.Tx) error {
		var err error
		in, err = tx.InTeam(team, member)
		return err
	})
	return in
}

// teamWrite writes fixtures straight into the bot's database while it runs.
func (h *harness) teamWrite(fn func(tx *storage.Tx) error) {
	h.t.Helper()
	h.write(fn)
}

// teamAnswer waits for a button answer since the latest action that contains want.
func (c *teamCast) teamAnswer(want string) {
	c.t.Helper()
	c.answered(want)
}
