package app

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// qaWorld is a community where every person has chosen a language: one
// of each role speaks Chinese, one English. It drives the flows with the
// buttons people see and remembers who pressed what, so that every
// request to Telegram can be checked against its reader's language.
type qaWorld struct {
	*harness
	lang    map[int64]string // private chat → the reader's language
	client  map[int64]string // private chat → the language before the reader chose
	chose   map[int64]int    // private chat → the first call after the choice
	forgot  map[int64]int    // private chat → the first call of /forgetme: menus in the app's language again
	names   map[int64]string
	pressBy []int64  // the n-th callback query's presser
	fromZh  []string // text zh people typed: allowed in English messages
	fromEn  []string // text en people typed: allowed in Chinese messages

	adminZh, adminEn, staffZh, staffEn, leadZh, leadEn, wang, lily, zhao, tom models.User
	group3, hood                                                              models.Chat
}

const qaAdminEn = 1002

func qaNew(t *testing.T) *qaWorld {
	t.Helper()
	h := newHarness(t, func(c *config.Config) {
		c.Admins = []int64{adminID, qaAdminEn}
		c.Visits = config.Visits{Holidays: []string{"mid_autumn"}, DaysBefore: 7}
	})
	w := &qaWorld{harness: h, lang: map[int64]string{}, names: map[int64]string{}, client: map[int64]string{}, chose: map[int64]int{}, forgot: map[int64]int{}}
	w.group3, w.hood = h.tg.Group(-100300, "3号楼"), h.tg.Group(-100900, "南门社区")
	w.fromZh = append(w.fromZh, "3号楼", "南门社区")
	people := []struct {
		u        *models.User
		id       int64
		name, lg string
		building string
		client   string // the Telegram app's language, when not lg
	}{
		{&w.adminZh, adminID, "张主任", "zh", "1", ""}, {&w.adminEn, qaAdminEn, "Adam", "en", "1", ""},
		{&w.staffZh, 1101, "周干事", "zh", "1", ""}, {&w.staffEn, 1102, "Sam", "en", "1", ""},
		{&w.leadZh, 3001, "林组长", "zh", "3", ""}, {&w.leadEn, 3002, "Leo", "en", "3", ""},
		{&w.wang, 2001, "王阿姨", "zh", "3", ""}, {&w.lily, 2002, "Lily", "en", "3", "zh-hans"},
		{&w.zhao, 4001, "赵师傅", "zh", "2", "en"}, {&w.tom, 4002, "Tom", "en", "2", ""},
	}
	for i, p := range people {
		// Two people's Telegram apps speak the other language: until they
		// choose, the bot follows the app; after, only their choice counts.
		w.client[p.id] = p.lg
		if p.client != "" {
			w.client[p.id] = p.client[:2]
		}
		*p.u = h.user(p.id, p.name, qaOr(p.client, p.lg))
		w.lang[p.id], w.names[p.id] = p.lg, p.name
		w.qaTyped(p.lg, p.name)
		w.qaSay(*p.u, "/start")
		w.qaPress(*p.u, "reg:b:"+p.building)
		w.qaReply(*p.u, strconv.Itoa(101+i))
		w.qaSay(*p.u, "/lang")
		w.chose[p.id] = len(w.tg.Calls(""))
		w.qaPress(*p.u, "lang:"+p.lg)
	}
	return w
}

// qaTyped remembers text a person of lang typed (a command's arguments too).
func (w *qaWorld) qaTyped(lang string, s ...string) {
	for _, x := range s {
		if cmd, args, ok := strings.Cut(x, " "); ok && strings.HasPrefix(cmd, "/") {
			s = append(s, args)
		}
	}
	if lang == "zh" {
		w.fromZh = append(w.fromZh, s...)
	} else {
		w.fromEn = append(w.fromEn, s...)
	}
}

// qaSay sends text as u in private and waits until everything it caused is sent.
func (w *qaWorld) qaSay(u models.User, text string) {
	w.t.Helper()
	w.qaTyped(w.lang[u.ID], text)
	w.clock.Advance(2 * time.Second)
	w.qaDone(w.say(u, text))
}

// qaGroup sends text as u in chat.
func (w *qaWorld) qaGroup(u models.User, chat models.Chat, text string) {
	w.t.Helper()
	w.qaTyped(w.lang[u.ID], text)
	w.clock.Advance(2 * time.Second)
	w.qaDone(w.tg.SendText(u, chat, text))
}

// qaFind is the newest message in chat with a button whose data starts with prefix.
func (w *qaWorld) qaFind(chat int64, prefix string) (telegramtest.Message, string, bool) {
	ms := w.tg.Messages(chat)
	for i := len(ms) - 1; i >= 0; i-- {
		for _, row := range ms[i].Buttons {
			for _, b := range row {
				if b.Data != "" && strings.HasPrefix(b.Data, prefix) {
					return ms[i], b.Data, true
				}
			}
		}
	}
	return telegramtest.Message{}, "", false
}

// qaPress presses the newest button starting with prefix in u's private chat.
func (w *qaWorld) qaPress(u models.User, prefix string) string {
	w.t.Helper()
	return w.qaPressIn(u, u.ID, prefix)
}

func (w *qaWorld) qaPressIn(u models.User, chat int64, prefix string) string {
	w.t.Helper()
	m, data, ok := w.qaFind(chat, prefix)
	if !ok {
		w.t.Fatalf("no button %q in chat %d; last: %q", prefix, chat, w.qaLastText(chat))
	}
	w.clock.Advance(2 * time.Second)
	w.pressBy = append(w.pressBy, u.ID)
	w.qaDone(w.tg.Press(u, m, data))
	return data
}

// qaNone checks that the latest action offered u no button whose data
// starts with prefix; why says why none is due.
func (w *qaWorld) qaNone(u models.User, prefix, why string) {
	w.t.Helper()
	for _, m := range w.tg.MessagesSince(w.mark(), u.ID) {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, prefix) {
					w.t.Errorf("%s, yet %d was offered %q with %q", why, u.ID, b.Data, m.Plain)
				}
			}
		}
	}
}

// qaReply answers the question (ForceReply, or a dialog's question with
// its buttons) the latest action brought to u's private chat, the newest
// if several.
func (w *qaWorld) qaReply(u models.User, text string) {
	w.t.Helper()
	ms := w.tg.MessagesSince(w.mark(), u.ID)
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].ForceReply || hasButtonPrefix(ms[i], "fl:") {
			w.qaTyped(w.lang[u.ID], text)
			w.clock.Advance(2 * time.Second)
			w.qaDone(w.tg.SendReply(u, telegramtest.PrivateChat(u), text, ms[i]))
			return
		}
	}
	w.t.Fatalf("no question in %d's chat since the latest action; last: %q", u.ID, w.qaLastText(u.ID))
}

// qaDone waits until update id is processed and all it caused is sent.
func (w *qaWorld) qaDone(id int64) {
	w.t.Helper()
	w.updateDone(id)
}

func (w *qaWorld) qaLastText(chat int64) string {
	if ms := w.tg.Messages(chat); len(ms) > 0 {
		return ms[len(ms)-1].Plain
	}
	return ""
}

// qaAt moves the clock to s (community time) and runs the scheduled work.
func (w *qaWorld) qaAt(s string) {
	w.t.Helper()
	at := visAt(w.t, s)
	if d := at.Sub(w.clock.Now()); d > 0 {
		w.clock.Advance(d)
	}
	for i := 0; i < 3; i++ { // a minute apart, as the scheduler runs
		w.tick()
		w.settle()
		w.clock.Advance(time.Minute)
	}
}

func (w *qaWorld) qaTeam(name string) int64 {
	w.t.Helper()
	var id int64
	w.db(func(tx *storage.Tx) error {
		tm, err := tx.TeamByName(name)
		id = tm.ID
		return err
	})
	return id
}
