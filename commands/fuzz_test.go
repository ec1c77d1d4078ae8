package commands

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"runtime"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/commands/announce"
	"courtyard/commands/care"
	"courtyard/commands/core"
	"courtyard/commands/jobs"
	"courtyard/commands/patrol"
	"courtyard/commands/people"
	"courtyard/commands/teams"
	"courtyard/commands/tickets"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

// The dispatch fuzz targets run every route in-process against a small
// community: an administrator, staff, a leader, a resident with a ticket,
// a team, a job and a household on the care list. Each update's
// transaction is rolled back, so every input meets the same state.

var fuzzT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

const (
	fuzzAdmin    = 1000
	fuzzStaff    = 1001
	fuzzLeader   = 3001
	fuzzResident = 2001
	fuzzNew      = 2002 // wrote once, never registered
	fuzzStranger = 2003 // never seen
	fuzzLinked   = -100100
	fuzzUnlinked = -100200
)

var fuzzPeople = []int64{fuzzAdmin, fuzzStaff, fuzzLeader, fuzzResident, fuzzNew, fuzzStranger}

var errFuzzRollback = errors.New("roll back")

type fuzzBot struct {
	s      *storage.Storage
	a      *App
	routes []core.Route
	fall   core.HandleFunc
}

func newFuzzBot(f *testing.F) *fuzzBot {
	cfg := config.Config{Community: config.Community{Name: "c", Buildings: []string{"1", "2"}}, Admins: []int64{fuzzAdmin},
		Limits: config.Limits{CommandsPerMinute: 1 << 30, MessagesPerMinute: 1 << 30}}.WithDefaults()
	cat, err := locale.Load("zh")
	if err != nil {
		f.Fatal(err)
	}
	a := New(cfg, cat, "bot", func() time.Time { return fuzzT0 }, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	s, err := storage.Open(context.Background(), f.TempDir()+"/fuzz.db")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	err = s.Update(context.Background(), func(tx *storage.Tx) error {
		for _, id := range []int64{fuzzAdmin, fuzzStaff, fuzzLeader, fuzzResident, fuzzNew} {
			if err := tx.TouchMember(id, "P"+core.Itoa(id), "u"+core.Itoa(id), "en", fuzzT0); err != nil {
				return err
			}
			if id != fuzzNew {
				if err := tx.Register(id, "1", "101", fuzzT0); err != nil {
					return err
				}
			}
		}
		if err := tx.SetRole(fuzzStaff, storage.RoleStaff, nil, fuzzAdmin, fuzzT0); err != nil {
			return err
		}
		if err := tx.SetRole(fuzzLeader, storage.RoleLeader, []string{"1"}, fuzzAdmin, fuzzT0); err != nil {
			return err
		}
		if err := tx.TouchChat(fuzzLinked, "supergroup", "1号楼", fuzzT0); err != nil {
			return err
		}
		if err := tx.LinkChat(fuzzLinked, "1", fuzzAdmin, fuzzT0); err != nil {
			return err
		}
		if err := tx.TouchChat(fuzzUnlinked, "supergroup", "闲聊", fuzzT0); err != nil {
			return err
		}
		if _, err := tx.CreateTicket(storage.Ticket{Kind: storage.TicketKindReport, Category: "water", Building: "1",
			ReporterID: fuzzResident, Text: "漏水"}, fuzzT0); err != nil {
			return err
		}
		tm, err := tx.CreateTeam("Patrol", fuzzLeader, false, fuzzT0)
		if err != nil {
			return err
		}
		if err := tx.AddTeamMember(tm, fuzzResident, fuzzT0); err != nil {
			return err
		}
		if _, err := tx.CreateJob(storage.Job{Title: "Sweep", Slots: 2, Start: fuzzT0.Add(48 * time.Hour), End: fuzzT0.Add(50 * time.Hour),
			WithdrawHours: 24, OrganiserID: fuzzStaff, State: storage.JobOpen}, fuzzT0); err != nil {
			return err
		}
		_, err = tx.CreateHousehold(storage.Household{Building: "1", Unit: "601", Name: "Zhou", Reason: "lives_alone", CreatedBy: fuzzStaff}, fuzzT0)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	return &fuzzBot{s: s, a: a, routes: a.Routes(), fall: a.Fallback()}
}

// run dispatches upd as the bot does (first matching route, else the
// fallback) and rolls its transaction back. A handler's error is a bug:
// bad input must be refused with an answer, never fail.
func (b *fuzzBot) run(t *testing.T, upd *models.Update) { b.runIn(t, upd, nil) }

// runIn is run with a conversation in progress. An update that takes
// more than fuzzSlow fails: one person's text must not hold the writer.
func (b *fuzzBot) runIn(t *testing.T, upd *models.Update, flow *storage.Flow) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.apply(t, upd, flow)
	}()
	select {
	case <-done:
	case <-time.After(fuzzSlow):
		buf := make([]byte, 1<<16)
		t.Fatalf("update %+v (flow %+v) took over %v:\n%s", upd.Message, flow, fuzzSlow, buf[:runtime.Stack(buf, true)])
	}
}

const fuzzSlow = 5 * time.Second

func (b *fuzzBot) apply(t *testing.T, upd *models.Update, flow *storage.Flow) {
	var herr error
	err := b.s.Update(context.Background(), func(tx *storage.Tx) error {
		if flow != nil {
			if err := tx.SetFlow(*flow, fuzzT0); err != nil {
				return err
			}
		}
		h := b.fall
		for _, r := range b.routes {
			if r.Match(upd) {
				h = r.Handle
				break
			}
		}
		herr = h(context.Background(), tx, upd)
		return errFuzzRollback
	})
	if herr != nil {
		t.Errorf("update %+v: handler failed: %v", upd, herr)
	}
	if !errors.Is(err, errFuzzRollback) {
		t.Errorf("update: %v", err)
	}
}

func fuzzChat(who int64, kind uint8) models.Chat {
	switch kind % 3 {
	case 1:
		return models.Chat{ID: fuzzLinked, Type: models.ChatTypeSupergroup, Title: "1号楼"}
	case 2:
		return models.Chat{ID: fuzzUnlinked, Type: models.ChatTypeSupergroup, Title: "闲聊"}
	}
	return models.Chat{ID: who, Type: models.ChatTypePrivate}
}

func fuzzUser(who uint8) models.User {
	id := fuzzPeople[int(who)%len(fuzzPeople)]
	return models.User{ID: id, FirstName: "P" + core.Itoa(id), Username: "u" + core.Itoa(id), LanguageCode: "en"}
}

// FuzzCallbackData presses a button with any data, as anyone, anywhere.
func FuzzCallbackData(f *testing.F) {
	for _, d := range []string{
		"tk:claim:1", "tk:info:1", "tk:media:1", "tk:res:1", "tk:back:1", "tk:cat:water", "tk:b:1", "tk:nm:hide", "tk:fb:1:5",
		"jb:su:1", "jb:suc:1", "jb:wd:1", "jb:cx:1", "jb:cxy:1", "jb:at:1", "jb:pg:1", "jb:n:ok", "jb:mv:1",
		"tm:join:1", "tm:leave:1", "tm:view:1", "tm:ok:1", "tm:lead:1:2001", "tm:arch:1",
		"cr:r:1", "cr:e:1:name", "cr:v:1", "cr:vis:1", "cr:x:1", "cr:list", "cr:new",
		"vi:done:1", "vi:tk:1", "pt:take:1", "pt:tl:1", "pt:tc:1", "pt:trc:1",
		"an:send:1", "an:ack:1", "an:t:all", "lg:1", "menu:my", "menu:mydata", "reg:b:1", "reg:change", "lang:en",
		"pv:forget", "pv:keep", "au:0:::", "au:10:1000:role:2026-03", "", ":", "tk:claim:-1", "tk:claim:99999999999999999999",
	} {
		for who := range uint8(len(fuzzPeople)) {
			f.Add(d, who, uint8(0))
		}
		f.Add(d, uint8(2), uint8(1))
	}
	b := newFuzzBot(f)
	f.Fuzz(func(t *testing.T, data string, who, chat uint8) {
		u := fuzzUser(who)
		c := fuzzChat(u.ID, chat)
		upd := &models.Update{ID: 1, CallbackQuery: &models.CallbackQuery{ID: "q", From: u, Data: data,
			Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage,
				Message: &models.Message{ID: 7, Chat: c, From: &models.User{ID: 1, IsBot: true, FirstName: "bot"}, Text: "…"}}}}
		b.run(t, upd)
	})
}

// fuzzFlows are conversations in progress a text may arrive in: each
// free-text step of every flow (times, dates, cron expressions, lengths,
// counts, units, names…), for a person allowed to be in it.
var fuzzFlows = []struct {
	who              int64
	name, step, data string
}{
	{0, "", "", ""},
	{fuzzNew, people.FlowRegister, "unit", `{"building":"1"}`},
	{fuzzResident, tickets.FlowReport, "text", `{"kind":"report","category":"water","building":"1"}`},
	{fuzzStaff, jobs.FlowJob, "title", `{"v":{"chats":1}}`},
	{fuzzStaff, jobs.FlowJob, "when", `{"v":{"title":"Sweep","chats":1}}`},
	{fuzzStaff, jobs.FlowJob, "until", `{"v":{"title":"Sweep","when":{"Start":"2026-03-05T01:00:00Z","HasEnd":false}}}`},
	{fuzzStaff, jobs.FlowJob, "place", `{"v":{"title":"Sweep","when":{"Start":"2026-03-05T01:00:00Z","End":"2026-03-05T03:00:00Z","HasEnd":true}}}`},
	{fuzzStaff, jobs.FlowJob, "slots", `{"v":{"title":"Sweep","when":{"Start":"2026-03-05T01:00:00Z","End":"2026-03-05T03:00:00Z","HasEnd":true},"place":"x","team":"0"}}`},
	{fuzzStaff, jobs.FlowJob, "withdraw", `{"v":{"title":"Sweep","when":{"Start":"2026-03-05T01:00:00Z","End":"2026-03-05T03:00:00Z","HasEnd":true},"place":"x","team":"0","slots":"4"}}`},
	{fuzzStaff, jobs.FlowJobMove, "when", `{"v":{"job":1,"title":"Sweep"}}`},
	{fuzzStaff, jobs.FlowJobMove, "until", `{"v":{"job":1,"title":"Sweep","when":{"Start":"2026-03-05T01:00:00Z","HasEnd":false}}}`},
	{fuzzStaff, jobs.FlowJobClear, "who", `{"v":{}}`},
	{fuzzLeader, patrol.FlowPatrolTpl, "sched", `{"v":{"team":1,"nteam":2}}`},
	{fuzzLeader, patrol.FlowPatrolTpl, "time", `{"v":{"team":1,"nteam":2,"sched":"weekdays"}}`},
	{fuzzLeader, patrol.FlowPatrolTpl, "dur", `{"v":{"team":1,"nteam":2,"sched":"0 20 * * *"}}`},
	{fuzzLeader, patrol.FlowPatrolTpl, "slots", `{"v":{"team":1,"nteam":2,"sched":"0 20 * * *","dur":"120"}}`},
	{fuzzLeader, patrol.FlowPatrolTpl, "area", `{"v":{"team":1,"nteam":2,"sched":"0 20 * * *","dur":"120","slots":"2"}}`},
	{fuzzLeader, patrol.FlowPatrolTpl, "rot1", `{"v":{"team":1,"nteam":2,"sched":"0 20 * * *","dur":"120","slots":"2","area":"x"}}`},
	{fuzzStaff, care.FlowCare, "unit", `{"building":"1"}`},
	{fuzzStaff, care.FlowCare, "name", `{"building":"1","unit":"601"}`},
	{fuzzStaff, care.FlowCare, "reason_text", `{"building":"1","unit":"601","name":"Z","reason":"other"}`},
	{fuzzStaff, teams.FlowTeamRename, "name", `{"v":{"team":1}}`},
	{fuzzLeader, teams.FlowTeamPeople, "who", `{"v":{"verb":"add","team":"1"}}`},
	{fuzzStaff, announce.Flow, "text", `{"audience":"all"}`},
	{fuzzLeader, tickets.FlowTicketNote, "note", `{"v":{"ticket":1,"for":"back"}}`},
	{fuzzLeader, tickets.FlowResolve, "note", `{"v":{"ticket":1}}`},
	{fuzzResident, patrol.FlowPatrolOffer, "who", `{"v":{"shift":1}}`},
	{fuzzStaff, care.FlowVisitNote, "note", `{"visit":1}`},
	{fuzzResident, "no_such_flow", "x", `not json`},
}

// FuzzCommandText sends any text, as anyone, anywhere: every command's
// argument parser (ticket ids, the export range, /grant's words, /audit's
// filters, /block's target…) and every conversation step meet it.
func FuzzCommandText(f *testing.F) {
	for _, s := range []string{
		"/ticket 1", "/ticket #1", "/ticket x", "/export 2026-03", "/export 2026-01-01 2026-03-01", "/export 2000-01 2099-12",
		"/grant 2001 leader 1", "/grant @u2001 staff", "/revoke 3001", "/assign 1 @u2001", "/reject 1 spam", "/duplicate 1 1",
		"/audit", "/audit @u1001 role 2026-03", "/audit 2026-03-02", "/block 2001 spam", "/unblock @u2001", "/blocked",
		"/mydata", "/forgetme", "/stats 2026-03", "/hours team Patrol 2026-03", "/jobs", "/job", "/roster 2026-W10",
		"/care", "/visits spring 2026", "/holidays 2027", "/linkchat 1", "/report 水管漏水", "/start t1", "/start", "/lang",
		"/queue", "/ledger open", "/team new X", "/teams", "/patrol", "/shifts", "/announce", "/cancel", "hello",
		"/audit\n2026-03", "/ticket@bot 1", "/TICKET 1", "/", "/@", "/export 2026-13", "/grant",
	} {
		for who := range uint8(len(fuzzPeople)) {
			f.Add(s, who, uint8(0))
		}
		f.Add(s, uint8(1), uint8(1))
		f.Add(s, uint8(0), uint8(2))
	}
	for i := range fuzzFlows {
		for _, s := range []string{"9:00", "明天 9点到11点", "30 19 1,15 * *", "@weekly", "2h", "90", "3", "东门", "502", "x"} {
			f.Add(s, uint8(i), uint8(0x80|i))
		}
	}
	b := newFuzzBot(f)
	f.Fuzz(func(t *testing.T, text string, who, chat uint8) {
		u := fuzzUser(who)
		c := fuzzChat(u.ID, chat)
		var flow *storage.Flow
		if chat&0x80 != 0 { // in a conversation: as its person, in private
			fl := fuzzFlows[int(chat&0x7f)%len(fuzzFlows)]
			if fl.name != "" {
				u = fuzzUser(0)
				u.ID, u.FirstName, u.Username = fl.who, "P"+core.Itoa(fl.who), "u"+core.Itoa(fl.who)
				c = fuzzChat(u.ID, 0)
				flow = &storage.Flow{UserID: fl.who, Name: fl.name, Step: fl.step, Data: fl.data}
			}
		}
		upd := &models.Update{ID: 1, Message: &models.Message{ID: 9, From: &u, Chat: c, Text: text, Date: int(fuzzT0.Unix())}}
		b.runIn(t, upd, flow)
	})
}
