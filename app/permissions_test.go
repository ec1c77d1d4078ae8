package app

import (
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/commands"
	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

// The permission matrix, end to end: every command and every button
// action of the permission table, pressed or sent by one person of each
// role in each kind of chat, with data forged to name objects that are
// someone else's. A refusal must answer, change nothing in the database
// and tell nobody else; an allowed use must not be refused by the table.

// permSecret marks the text of every fixture object: a refused use must
// never send it anywhere.
const permSecret = "PERMSECRET"

// permPerson is one cell's role.
type permPerson struct {
	name string
	u    models.User
	role storage.Role // as the table reads it (never registered: resident)
}

// permWorld is the community the matrix runs in.
type permWorld struct {
	*harness
	cmds       *commands.App
	reviewed   core.Allowed // commands/permissions.txt: the expectations
	cat        *locale.Catalog
	ro         *sql.DB
	people     []permPerson
	chats      map[string]models.Chat // private (nil ID: the person's own), linked, unlinked
	msgOn      map[int64]int          // a bot message to press on, by chat
	ids        map[string]string      // fixture ids by placeholder
	digest     map[string]string
	digestTime time.Duration
	outMax     int64
	cells      int
	refused    int
}

// The people, by the table's roles, and one more who owns the objects.
const (
	permUnreg = 7101 + iota
	permResident
	permLeaderHere
	permLeaderOther
	permTeamLead
	permTeamMember
	permStaff
	permOwner
	permLeader3
)

func newPermWorld(t *testing.T) *permWorld {
	t.Helper()
	h := newHarness(t, func(c *config.Config) {
		c.Limits = config.Limits{CommandsPerMinute: 1 << 20, MessagesPerMinute: 1 << 20}
	})
	cat, err := locale.Load(h.cfg.Community.Language)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("../commands/permissions.txt")
	if err != nil {
		t.Fatal(err)
	}
	reviewed, err := core.ReadPermissionText(string(text))
	if err != nil {
		t.Fatal(err)
	}
	w := &permWorld{harness: h, cat: cat, reviewed: reviewed, chats: map[string]models.Chat{}, msgOn: map[int64]int{}, ids: map[string]string{},
		cmds: commands.New(h.cfg, cat, "courtyard_bot", h.clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)}
	w.ro, err = sql.Open("sqlite3", "file:"+h.cfg.Database.Path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.ro.Close() })
	person := func(name string, id int64, role storage.Role) models.User {
		u := h.user(id, name, "en")
		w.people = append(w.people, permPerson{name: name, u: u, role: role})
		return u
	}
	unreg := person("unregistered", permUnreg, storage.RoleResident)
	h.say(unreg, "/help")
	h.expect(unreg.ID, "/start")
	for _, p := range []struct {
		name     string
		id       int64
		role     storage.Role
		building string
	}{
		{"resident", permResident, storage.RoleResident, "1"},
		{"leader-here", permLeaderHere, storage.RoleLeader, "1"},
		{"leader-other", permLeaderOther, storage.RoleLeader, "2"},
		{"team-lead", permTeamLead, storage.RoleResident, "2"},
		{"team-member", permTeamMember, storage.RoleResident, "2"},
		{"staff", permStaff, storage.RoleStaff, "3"},
		{"admin", adminID, storage.RoleAdmin, "3"},
	} {
		h.register(person(p.name, p.id, p.role), p.building, "10"+itoa(p.id%10))
	}
	owner, leader3 := h.user(permOwner, "Owner", "en"), h.user(permLeader3, "Third", "en")
	h.register(owner, "1", "901")
	h.register(leader3, "3", "902")
	w.chats["linked"] = h.tg.Group(-100701, "Building 1")
	w.chats["unlinked"] = h.tg.Group(-100702, "Chess club")
	h.tg.SendText(w.people[7].u, w.chats["linked"], "/linkchat 1")
	w.msgOn[-100701] = h.expect(-100701, "1").ID
	h.tg.SendText(w.people[1].u, w.chats["unlinked"], "/help")
	w.msgOn[-100702] = h.expect(-100702, "/").ID
	for _, p := range w.people {
		ms := h.tg.Messages(p.u.ID)
		w.msgOn[p.u.ID] = ms[len(ms)-1].ID
	}
	w.permFixtures()
	h.settle()
	return w
}

// permFixtures writes the objects the forged data names: a ticket of
// building 1 reported by the owner, a restricted patrol team with its
// template, shift, job and a request to join, a household on the care
// list with its visit, a pledge, two announcements, a notice schedule of
// building 3's leader, a posted meeting with a decision, and a dispute
// record whose mediator is the owner, and the owner's application at the
// services desk.
func (w *permWorld) permFixtures() {
	now := w.clock.Now()
	start := now.Add(30 * 24 * time.Hour)
	w.teamWrite(func(tx *storage.Tx) error {
		must := func(err error) {
			if err != nil {
				w.t.Fatal(err)
			}
		}
		must(tx.SetRole(permLeaderHere, storage.RoleLeader, []string{"1"}, adminID, now))
		must(tx.SetRole(permLeaderOther, storage.RoleLeader, []string{"2"}, adminID, now))
		must(tx.SetRole(permLeader3, storage.RoleLeader, []string{"3"}, adminID, now))
		must(tx.SetRole(permStaff, storage.RoleStaff, nil, adminID, now))
		tk, err := tx.CreateTicket(storage.Ticket{Kind: storage.TicketKindReport, Category: "water", Building: "1",
			ReporterID: permOwner, Text: permSecret + " the pipe of unit 901", Photos: []string{"photo-1"}}, now)
		must(err)
		team, err := tx.CreateTeam("Night patrol", permTeamLead, true, now)
		must(err)
		must(tx.AddTeamMember(team, permTeamMember, now))
		req, err := tx.CreateTeamRequest(team, permOwner, now)
		must(err)
		job, err := tx.CreateJob(storage.Job{Title: permSecret + " job", Place: "gate", TeamID: team, Slots: 5,
			Start: start, End: start.Add(2 * time.Hour), WithdrawHours: 2, OrganiserID: permOwner, State: storage.JobOpen}, now)
		must(err)
		tpl, err := tx.CreatePatrolTemplate(storage.PatrolTemplate{TeamID: team, Spec: "0 20 * * *", Minutes: 120, Slots: 2,
			Area: "east lane", State: storage.PatrolActive, CreatedBy: permTeamLead}, now)
		must(err)
		shift, _, err := tx.AddPatrolShift(storage.PatrolShift{TemplateID: tpl, TeamID: team, Start: start, End: start.Add(2 * time.Hour), Slots: 2, Area: "east lane"})
		must(err)
		hh, err := tx.CreateHousehold(storage.Household{Building: "1", Unit: "903", Name: permSecret + " Grandma Zhao",
			Reason: "lives_alone", Contact: "555", CreatedBy: permStaff}, now)
		must(err)
		must(tx.SetHouseholdVisitor(hh, permOwner, true, permStaff, now))
		_, err = tx.PlanVisits("spring", 2027, now)
		must(err)
		per, err := tx.CreatePledgePeriod("March", permStaff, now)
		must(err)
		pl, err := tx.CreatePledge(per, permOwner, []string{"sweep the stairs"}, now)
		must(err)
		draft, err := tx.CreateAnnouncement(storage.Announcement{SenderID: permLeader3, Audience: storage.AudienceBuildingPersons,
			Buildings: []string{"3"}, Text: permSecret + " draft"}, now)
		must(err)
		sent, err := tx.CreateAnnouncement(storage.Announcement{SenderID: permLeader3, Audience: storage.AudienceBuildingPersons,
			Buildings: []string{"3"}, Text: "water off on Friday"}, now)
		must(err)
		must(tx.AddAnnouncementRecipient(sent, permOwner))
		sched, err := tx.CreateSchedule(storage.Schedule{OwnerID: permLeader3, Kind: storage.ScheduleCron, Spec: "0 9 * * 1",
			What: storage.ScheduleNotice, Audience: storage.AudienceBuildingPersons, Buildings: []string{"3"}, Text: permSecret + " bins"}, now)
		must(err)
		meet, err := tx.CreateMeeting(storage.Meeting{OrganiserID: permStaff, Title: permSecret + " meeting", StartsAt: start,
			Place: "hall", Audience: storage.AudienceBuildingPersons, Buildings: []string{"3"}}, now)
		must(err)
		_, err = tx.SetMeetingState(meet, storage.MeetingDraft, storage.MeetingPosted)
		must(err)
		must(tx.AddMeetingPost(meet, storage.MeetingPost{ChatID: permOwner, Lang: "en"}))
		dec, err := tx.AddDecision(meet, permSecret+" fix the gate", now)
		must(err)
		must(tx.SetMediator(permOwner, true, permStaff, now))
		disp, err := tx.CreateDispute(storage.Dispute{Building: "1", Summary: permSecret + " noise at night", MediatorID: permOwner,
			CreatedBy: permStaff, Parties: []storage.DisputeParty{{MemberID: permOwner}, {Name: "the neighbour"}}}, now)
		must(err)
		svCase, err := tx.CreateCase(storage.Case{Service: "dibao", MemberID: permOwner, ForWhom: "self", Phone: "555",
			Situation: permSecret + " situation", Building: "1", Household: 2}, []string{"doc-photo-1"}, now)
		must(err)
		for k, v := range map[string]int64{"tk": tk, "team": team, "req": req, "job": job, "tpl": tpl, "shift": shift,
			"hh": hh, "pledge": pl, "draft": draft, "sent": sent, "owner": permOwner,
			"schedule": sched, "meeting": meet, "decision": dec, "dispute": disp, "case": svCase} {
			w.ids[k] = itoa(v)
		}
		return nil
	})
	var visit int64
	if err := w.ro.QueryRow(`SELECT id FROM visits WHERE household_id = ?`, w.ids["hh"]).Scan(&visit); err != nil {
		w.t.Fatal(err)
	}
	w.ids["visit"] = itoa(visit)
	w.teamWrite(func(tx *storage.Tx) error {
		_, err := tx.FinishAnnouncement(permID(w.t, w.ids["sent"]), "sent", false, 1, w.clock.Now())
		return err
	})
}

func permID(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
