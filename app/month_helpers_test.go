package app

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// monthCast is a 2,000-household community for a month: the job cast
// (staff, 林-less Lin leading building 3 and Sanitation, residents 王, Li,
// 赵, Chen and two groups), 2,000 households written straight into the
// database (20 buildings of 100), a night patrol team led by 周 with a
// rotation of 20 of building 3's residents, and Elder care with Li.
type monthCast struct {
	*jobCast
	zhou      models.User
	crew      []models.User
	residents []models.User
	patrol    int64
	// sent keeps every outbox row once it ended, by id: sent rows are
	// pruned from the outbox after a while.
	sent map[int64]outRow
}

const (
	monthBuildings = 20
	monthUnits     = 100
	monthFirstID   = 500000
)

// monthConfig has the community's quiet hours on and safety reports urgent.
func monthConfig(cfg *config.Config) {
	cfg.Notify.QuietHours = "21:30-07:30"
	cfg.Tickets.UrgentCategories = []string{"safety"}
	cfg.Community.Buildings = nil
	for b := range monthBuildings {
		cfg.Community.Buildings = append(cfg.Community.Buildings, itoa(int64(b+1)))
	}
}

// newMonth starts the cast with the clock on Monday 2026-09-07 08:00 in
// Shanghai.
func newMonth(t *testing.T) *monthCast {
	t.Helper()
	c := &monthCast{jobCast: newJobCast(t, monthConfig), sent: map[int64]outRow{}}
	c.clock.Set(wallAt(t, "2026-09-07 08:00"))
	c.zhou = c.user(3101, "周", "zh")
	c.register(c.zhou, "3", "990")
	now := c.clock.Now()
	for i := range monthBuildings * monthUnits {
		lang := "zh"
		if i%4 == 3 {
			lang = "en"
		}
		id := int64(monthFirstID + i)
		u := c.user(id, fmt.Sprintf("R%d", i), lang)
		c.tg.Meet(u)
		c.residents = append(c.residents, u)
	}
	c.lgWrite(func(tx *storage.Tx) error {
		for i, u := range c.residents {
			if err := tx.TouchMember(u.ID, u.FirstName, "", u.LanguageCode, now); err != nil {
				return err
			}
			b, unit := itoa(int64(1+i/monthUnits)), itoa(int64(1001+i%monthUnits))
			if err := tx.Register(u.ID, b, unit, now); err != nil {
				return err
			}
		}
		var err error
		if c.patrol, err = tx.CreateTeam("夜间巡逻队", c.zhou.ID, false, now); err != nil {
			return err
		}
		// Building 3's first twenty households take the rotation.
		for _, u := range c.residents[2*monthUnits : 2*monthUnits+20] {
			if err := tx.AddTeamMember(c.patrol, u.ID, now); err != nil {
				return err
			}
		}
		return nil
	})
	c.crew = c.residents[2*monthUnits : 2*monthUnits+20]
	c.say(c.admin, "/team new Elder care")
	c.expect(c.admin.ID, `Team "Elder care" created`)
	c.say(c.admin, "/team add Elder care "+itoa(c.li.ID))
	c.expect(c.admin.ID, "Li joined Elder care")
	return c
}

// monthPatrol walks 周 through /patrol: every day at 20:00, 3 hours, two
// a shift, with the crew as the rotation.
func (c *monthCast) monthPatrol() {
	c.t.Helper()
	tm := itoa(c.patrol)
	last := c.calLast(c.zhou.ID)
	c.say(c.zhou, "/patrol")
	page := c.calWait(c.zhou.ID, last, func(m telegramtest.Message) bool { return hasButton(m, "pt:ta:"+tm) })
	c.tg.Press(c.zhou, page, "pt:ta:"+tm)
	c.calWait(c.zhou.ID, page.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:patrol_tpl:o:sched:daily") })
	c.say(c.zhou, "0 20 * * *")
	dur := c.calWait(c.zhou.ID, page.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:patrol_tpl:o:dur:180") })
	c.tg.Press(c.zhou, dur, "fl:patrol_tpl:o:dur:180")
	slots := c.calWait(c.zhou.ID, dur.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:patrol_tpl:o:slots:2") })
	c.tg.Press(c.zhou, slots, "fl:patrol_tpl:o:slots:2")
	c.say(c.zhou, "东门 → 各楼道")
	rot := c.calWait(c.zhou.ID, slots.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:patrol_tpl:o:rot1:none") })
	ids := make([]string, len(c.crew))
	for i, u := range c.crew {
		ids[i] = itoa(u.ID)
	}
	c.say(c.zhou, strings.Join(ids, " "))
	ok := c.calWait(c.zhou.ID, rot.ID, func(m telegramtest.Message) bool { return hasButton(m, "fl:patrol_tpl:y:ok") })
	c.tg.Press(c.zhou, ok, "fl:patrol_tpl:y:ok")
	c.calWait(c.zhou.ID, ok.ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.Plain, "20:00") && !hasButton(m, "fl:patrol_tpl:y:ok")
	})
}

// monthReport files a one-line report in building 3's group.
func (c *monthCast) monthReport(u models.User, text string) {
	c.tg.SendText(u, c.group3, "/report@"+telegramtest.BotUsername+" "+text)
}

// monthClaim has Lin claim ticket id from his notice, if it reached him.
func (c *monthCast) monthClaim(id int64) {
	for _, m := range c.tg.Messages(c.lin.ID) {
		if hasButton(m, "tk:claim:"+itoa(id)) {
			c.tg.Press(c.lin, m, "tk:claim:"+itoa(id))
			return
		}
	}
}

// outRow is one outbox row as the month's checks read it.
type outRow struct {
	id                   int64
	chat                 int64
	method, class        string
	state, drop          string
	ref                  string
	messageID            int
	sent, until, created time.Time
}

// monthCollect keeps the outbox rows that ended since the real time
// since, as ended at the injected clock's now: the sender writes its own
// clock's time on the rows, and the injected clock stands still while the
// bot settles.
func (c *monthCast) monthCollect(since time.Time) {
	now := c.clock.Now()
	for _, r := range c.monthOutbox(`WHERE state <> 'pending' AND sent_at >= ?`, since.Add(-time.Second).UnixMilli()) {
		if _, ok := c.sent[r.id]; !ok {
			r.sent = now
			c.sent[r.id] = r
		}
	}
}

// monthRows are the rows kept by monthCollect.
func (c *monthCast) monthRows() []outRow {
	out := make([]outRow, 0, len(c.sent))
	for _, r := range c.sent {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b outRow) int { return cmp.Compare(a.id, b.id) })
	return out
}

// monthOutbox reads the outbox rows matching where.
func (c *monthCast) monthOutbox(where string, args ...any) []outRow {
	c.t.Helper()
	db, err := sql.Open("sqlite3", storage.DSN(c.cfg.Database.Path))
	if err != nil {
		c.t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT chat_id, method, class, state, dropped, ref, coalesce(message_id, 0), coalesce(sent_at, 0), until_at, created_at, id FROM outbox `+where, args...)
	if err != nil {
		c.t.Fatal(err)
	}
	defer rows.Close()
	var out []outRow
	for rows.Next() {
		var r outRow
		var sent, until, created int64
		if err := rows.Scan(&r.chat, &r.method, &r.class, &r.state, &r.drop, &r.ref, &r.messageID, &sent, &until, &created, &r.id); err != nil {
			c.t.Fatal(err)
		}
		r.sent, r.created = time.UnixMilli(sent), time.UnixMilli(created)
		if until != 0 {
			r.until = time.UnixMilli(until)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		c.t.Fatal(err)
	}
	return out
}

// monthSends are the Bot API methods that put a new message in a chat.
var monthSends = map[string]bool{"sendMessage": true, "sendPhoto": true, "sendDocument": true, "sendMediaGroup": true,
	"sendLocation": true, "sendVoice": true, "sendAudio": true}

// monthReceived counts, by chat, the new messages the fake Telegram was
// asked to send and accepted.
func (c *monthCast) monthReceived() map[int64]int {
	out := map[int64]int{}
	for method := range monthSends {
		for _, call := range c.tg.Calls(method) {
			if call.Status != 200 {
				continue
			}
			switch v := call.Params["chat_id"].(type) {
			case float64:
				out[int64(v)]++
			case string:
				var id int64
				fmt.Sscan(v, &id)
				out[id]++
			}
		}
	}
	return out
}

// inQuiet reports whether at falls in 21:30-07:30 in Shanghai.
func inQuiet(at time.Time) bool {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	l := at.In(loc)
	m := l.Hour()*60 + l.Minute()
	return m >= 21*60+30 || m < 7*60+30
}
