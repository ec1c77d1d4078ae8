package app

import (
	"database/sql"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// pdMyData asks for /mydata and parses the document.
func (h *harness) pdMyData(u models.User) map[string]any {
	h.t.Helper()
	h.say(u, "/mydata")
	m := h.tg.WaitMessage(h.t, u.ID, func(x telegramtest.Message) bool {
		return x.Method == "sendDocument" && x.DocumentName == "mydata-"+itoa(u.ID)+".json"
	}, wait)
	var doc map[string]any
	if err := json.Unmarshal(m.DocumentData, &doc); err != nil {
		h.t.Fatalf("/mydata is not JSON: %v\n%s", err, m.DocumentData)
	}
	if !strings.Contains(string(m.DocumentData), "\n  ") {
		h.t.Errorf("/mydata is not indented")
	}
	return doc
}

func pdSection(t *testing.T, doc map[string]any, name string) []any {
	t.Helper()
	secs, _ := doc["sections"].(map[string]any)
	s, ok := secs[name].([]any)
	if !ok {
		t.Fatalf("section %s missing: %v", name, secs[name])
	}
	return s
}

// pdSQL runs fn on a plain connection to the bot's database.
func (h *harness) pdSQL(fn func(db *sql.DB) error) {
	h.t.Helper()
	db, err := sql.Open("sqlite3", storage.DSN(h.cfg.Database.Path))
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	if err := fn(db); err != nil {
		h.t.Fatal(err)
	}
}

// pdTicket files a ticket for u straight into the database.
func (h *harness) pdTicket(u models.User, text string) int64 {
	var id int64
	h.lgWrite(func(tx *storage.Tx) error {
		var err error
		id, err = tx.CreateTicket(storage.Ticket{Kind: storage.TicketKindReport, Category: "water", Building: "3",
			ReporterID: u.ID, Text: text}, h.clock.Now())
		return err
	})
	return id
}

func TestMyDataHasEverythingAndCareOnlyForStaff(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	ann := h.user(2001, "Ann", "en")
	h.register(ann, "3", "502")
	h.register(adm, "1", "101")
	tk := h.pdTicket(ann, "tap drips")
	var hhID int64
	h.lgWrite(func(tx *storage.Tx) error {
		if _, err := tx.LogHours(storage.HoursEntry{MemberID: ann.ID, Source: storage.HoursJob, Ref: 1, Start: h.clock.Now(), Minutes: 90}, h.clock.Now()); err != nil {
			return err
		}
		hh, err := tx.CreateHousehold(storage.Household{Building: "3", Unit: "601", Name: "Old Zhou", Reason: "lives_alone", CreatedBy: adm.ID}, h.clock.Now())
		if err != nil {
			return err
		}
		hhID = hh
		return tx.LogCare(hh, adm.ID, "read", "", h.clock.Now())
	})
	h.pdSQL(func(db *sql.DB) error {
		_, err := db.Exec(`INSERT INTO visits (household_id, holiday, year, planned_at, visited_by, visited_at, note) VALUES (?, 'spring', 2026, 0, ?, 1, 'brought dumplings')`, hhID, ann.ID)
		return err
	})

	doc := h.pdMyData(ann)
	prof := pdSection(t, doc, "profile")
	if p := prof[0].(map[string]any); p["name"] != "Ann" || p["unit"] != "502" {
		t.Errorf("profile %v", p)
	}
	if tks := pdSection(t, doc, "tickets_reported"); len(tks) != 1 || tks[0].(map[string]any)["id"] != float64(tk) {
		t.Errorf("tickets %v", tks)
	}
	if evs := pdSection(t, doc, "ticket_events"); len(evs) == 0 {
		t.Errorf("no ticket events")
	}
	if hs := pdSection(t, doc, "hours"); len(hs) != 1 || hs[0].(map[string]any)["minutes"] != float64(90) {
		t.Errorf("hours %v", hs)
	}
	vs := pdSection(t, doc, "care_visits")
	if len(vs) != 1 || vs[0].(map[string]any)["note"] != "brought dumplings" {
		t.Errorf("visits %v", vs)
	}
	if cl := pdSection(t, doc, "care_log"); len(cl) != 0 {
		t.Errorf("a resident's copy has the care log: %v", cl)
	}
	if b, _ := json.Marshal(doc); strings.Contains(string(b), "Old Zhou") || strings.Contains(string(b), "601") {
		t.Errorf("a visitor's copy names the household: %s", b)
	}

	// Staff's copy has their care-list reads, with the household.
	sd := h.pdMyData(adm)
	cl := pdSection(t, sd, "care_log")
	if len(cl) != 1 || cl[0].(map[string]any)["household"] != "Old Zhou" {
		t.Errorf("staff's care log %v", cl)
	}
	// In a group, /mydata sends nothing there.
	g := h.tg.Group(-100300, "3号楼")
	h.tg.SendText(ann, g, "/mydata")
	h.expect(g.ID, "")
	for _, m := range h.tg.Messages(g.ID) {
		if m.Method == "sendDocument" {
			t.Fatalf("a document went to the group")
		}
	}
}

func TestForgetMeEndToEnd(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	ann := h.user(2001, "Ann", "en")
	li := h.user(2002, "Li", "en")
	h.register(ann, "3", "502")
	h.register(li, "3", "503")
	h.register(adm, "1", "101")
	tk := h.pdTicket(ann, "tap drips")
	work := h.pdTicket(li, "lamp out")
	var job, shift int64
	h.lgWrite(func(tx *storage.Tx) error {
		now := h.clock.Now()
		if _, err := tx.LogHours(storage.HoursEntry{MemberID: ann.ID, Source: storage.HoursJob, Ref: 1, Start: now, Minutes: 90}, now); err != nil {
			return err
		}
		if _, _, err := tx.Transition(work, storage.ActAssign, adm.ID, storage.TransitionOpts{Assignee: ann.ID}, now); err != nil {
			return err
		}
		// Ann holds a patrol shift in three days, with a rotation naming her.
		tm, err := tx.CreateTeam("Night", li.ID, false, now)
		if err != nil {
			return err
		}
		if err := tx.AddTeamMember(tm, ann.ID, now); err != nil {
			return err
		}
		tpl, err := tx.CreatePatrolTemplate(storage.PatrolTemplate{TeamID: tm, Spec: "0 20 * * *", Minutes: 120, Slots: 2, Area: "East gate",
			Rotation: []int64{li.ID, ann.ID}, State: storage.PatrolActive, CreatedBy: li.ID}, now)
		if err != nil {
			return err
		}
		shift, _, err = tx.AddPatrolShift(storage.PatrolShift{TemplateID: tpl, TeamID: tm, Start: now.Add(72 * time.Hour),
			End: now.Add(74 * time.Hour), Slots: 2, Area: "East gate"})
		if err != nil {
			return err
		}
		if _, err := tx.TakeSlot(shift, ann.ID, "take", now); err != nil {
			return err
		}
		job, err = tx.CreateJob(storage.Job{Title: "Sweep", Slots: 1, Start: now.Add(72 * time.Hour), End: now.Add(74 * time.Hour),
			WithdrawHours: 24, OrganiserID: adm.ID, State: storage.JobOpen}, now)
		if err != nil {
			return err
		}
		j, err := tx.Job(job)
		if err != nil {
			return err
		}
		if _, err := tx.JobSignUp(j, ann.ID, now); err != nil {
			return err
		}
		_, err = tx.JobSignUp(j, li.ID, now)
		return err
	})

	// Pressed on a message that is not there, it does nothing.
	h.tg.PressRaw(li, telegramtest.PrivateChat(li), 999, "pv:forget")
	h.expectAnswer("send /forgetme again")
	h.say(ann, "/forgetme")
	ask := h.tg.WaitMessage(t, ann.ID, func(m telegramtest.Message) bool { return hasButton(m, "pv:forget") }, wait)
	h.tg.Press(ann, ask, "pv:forget")
	h.expect(ann.ID, "personal data is removed")
	h.expect(li.ID, "A place opened", "Sweep")

	h.say(adm, "/ticket "+itoa(tk))
	h.expect(adm.ID, "Reporter: removed")
	h.say(adm, "/ticket "+itoa(work))
	h.expect(adm.ID, "lamp out", "handed back")
	h.say(adm, "/export 2026-03")
	rows := h.lgDocument(adm.ID, "tickets-2026-03.csv")
	if len(rows) != 2 || rows[0][6] != "已删除" {
		t.Errorf("export reporter %q", rows)
	}
	h.say(adm, "/stats 2026-03")
	h.expect(adm.ID, "Total tickets: 2")
	h.pdSQL(func(tx *sql.DB) error {
		var minutes, left int
		if err := tx.QueryRow(`SELECT COALESCE(SUM(minutes), 0) FROM hours WHERE member_id < 0`).Scan(&minutes); err != nil {
			return err
		}
		if minutes != 90 {
			t.Errorf("hours kept: %d minutes, want 90", minutes)
		}
		if err := tx.QueryRow(`SELECT COUNT(*) FROM members WHERE id = ?`, ann.ID).Scan(&left); err != nil {
			return err
		}
		if left != 0 {
			t.Errorf("the member row is still there")
		}
		var on int
		var rotation string
		if err := tx.QueryRow(`SELECT COUNT(*) FROM patrol_duty WHERE shift_id = ? AND state = 'on'`, shift).Scan(&on); err != nil {
			return err
		}
		if on != 0 {
			t.Errorf("the future shift is still held")
		}
		if err := tx.QueryRow(`SELECT rotation FROM patrol_templates`).Scan(&rotation); err != nil {
			return err
		}
		if rotation != itoa(li.ID) {
			t.Errorf("rotation %q still names the forgotten", rotation)
		}
		return nil
	})
	// Writing again starts a new registration.
	h.say(ann, "/start")
	h.tg.WaitMessage(t, ann.ID, func(m telegramtest.Message) bool { return hasButton(m, "reg:b:3") }, wait)
}

func TestRetentionStripsOldClosedTickets(t *testing.T) {
	h := newHarness(t, nil)
	ann := h.user(2001, "Ann", "en")
	h.register(ann, "3", "502")
	old := h.pdTicket(ann, "old")
	h.pdSQL(func(tx *sql.DB) error {
		_, err := tx.Exec(`UPDATE tickets SET state = 'closed', photos = '["p1"]', lat = 1, lon = 2, closed_at = ?1, updated_at = ?1 WHERE id = ?2`,
			h.clock.Now().UnixMilli(), old)
		return err
	})
	h.clock.Advance(729 * 24 * time.Hour)
	fresh := h.pdTicket(ann, "fresh")
	h.tick()
	pdStripped := func(id int64) bool {
		var rep int64
		var photos string
		h.pdSQL(func(tx *sql.DB) error {
			return tx.QueryRow(`SELECT reporter_id, photos FROM tickets WHERE id = ?`, id).Scan(&rep, &photos)
		})
		return rep == storage.RetentionTombstone && photos == "[]"
	}
	if pdStripped(old) {
		t.Fatalf("stripped before its time")
	}
	h.clock.Advance(2 * 24 * time.Hour)
	h.tick()
	if !pdStripped(old) {
		t.Errorf("old closed ticket kept its personal data")
	}
	if pdStripped(fresh) {
		t.Errorf("an open ticket was stripped")
	}
}
