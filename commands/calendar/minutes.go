package calendar

import (
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// meetings is /meetings: the upcoming and the latest past meetings, each
// with a button to its page.
func (a *Calendar) meetings(r *core.Req) error {
	up, err := r.Tx.UpcomingMeetings(r.Now, 10)
	if err != nil {
		return err
	}
	past, err := r.Tx.PastMeetings(r.Now, 10)
	if err != nil {
		return err
	}
	if len(up)+len(past) == 0 {
		return r.Reply(r.T("mt.none"), nil)
	}
	var b strings.Builder
	var rows [][]telegram.Button
	var row []telegram.Button
	for i, list := range [][]storage.Meeting{up, past} {
		b.WriteString(r.T([]string{"mt.upcoming", "mt.past"}[i]))
		if len(list) == 0 {
			b.WriteString("\n—")
		}
		for _, m := range list {
			fmt.Fprintf(&b, "\n#%d · %s · %s · %s", m.ID, a.WhenIn(r.Lang, m.StartsAt), core.Esc(m.Title), core.Esc(m.Place))
			row = append(row, telegram.Button{Text: "#" + core.Itoa(m.ID), CallbackData: "mt:v:" + core.Itoa(m.ID)})
			if len(row) == 5 {
				rows, row = append(rows, row), nil
			}
		}
		b.WriteString("\n\n")
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return r.Reply(strings.TrimSpace(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}

// mayViewMeeting is the one rule for who may read a meeting's page (its
// answers, minutes and decisions): staff and building leaders.
func (a *Calendar) mayViewMeeting(r *core.Req, m storage.Meeting) bool {
	return r.AtLeast(storage.RoleLeader) && m.State == storage.MeetingPosted
}

// meetingPage shows a meeting with its answers, minutes and decisions, and
// their tickets' states.
func (a *Calendar) meetingPage(r *core.Req, id int64, pressed bool) error {
	m, err := r.Tx.Meeting(id)
	if core.IsNotFound(err) || (err == nil && !a.mayViewMeeting(r, m)) {
		if pressed {
			return r.Toast(r.T("mt.not_yours"))
		}
		return r.Reply(r.T("mt.not_yours"), nil)
	}
	if err != nil {
		return err
	}
	coming, not, err := r.Tx.RSVPCounts(m.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.T("mt.page_head", m.ID) + "\n" + a.invitation(r.Lang, m, coming, not, r.Now))
	if m.Minutes != "" {
		b.WriteString("\n\n" + r.T("mt.minutes") + "\n" + core.Esc(m.Minutes))
	}
	ds, err := r.Tx.Decisions(m.ID)
	if err != nil {
		return err
	}
	if len(ds) > 0 {
		b.WriteString("\n\n" + r.T("mt.decisions"))
	}
	for i, d := range ds {
		state := r.T("mt.no_ticket")
		if d.TicketID != 0 {
			if tk, err := r.Tx.Ticket(d.TicketID); err == nil {
				state = r.T("mt.ticket_state", tk.ID, a.StateLabel(r.Lang, tk.State))
			}
		}
		if d.JobID != 0 {
			if j, err := r.Tx.Job(d.JobID); err == nil {
				state = r.T("mt.job_state", j.ID, core.Esc(j.Title), r.T("mt.job."+j.State))
			}
		}
		fmt.Fprintf(&b, "\n%d. %s — %s", i+1, core.Esc(d.Text), state)
	}
	var kb any
	if a.mayManageMeeting(r, m) {
		rows := [][]telegram.Button{{
			{Text: r.T("mt.record_minutes"), CallbackData: "mt:min:" + core.Itoa(m.ID)},
			{Text: r.T("mt.add_decision"), CallbackData: "mt:dec:" + core.Itoa(m.ID)},
		}}
		if m.StartsAt.After(r.Now) {
			rows = append(rows, []telegram.Button{{Text: r.T("mt.cancel_meeting"), CallbackData: "mt:cancel:" + core.Itoa(m.ID)}})
		}
		kb = telegram.Keyboard{InlineKeyboard: rows}
	}
	if pressed {
		if err := r.Toast(""); err != nil {
			return err
		}
	}
	return r.Reply(b.String(), kb)
}

// meetingPageAction takes Record minutes and Add a decision: each asks
// for the text.
func (a *Calendar) meetingPageAction(r *core.Req, verb string, m storage.Meeting) error {
	if m.State != storage.MeetingPosted || !r.Private() {
		return r.Toast(r.T("error.stale_button"))
	}
	kind := map[string]string{"min": "minutes", "dec": "decision"}[verb]
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.noteFlow.Start(r, seed(map[string]any{"id": m.ID, "kind": kind}))
}

// noteDialog asks for a meeting's minutes or one of its decisions.
func (a *Calendar) noteDialog() *core.Dialog {
	ask := func(r *core.Req, v core.Values) string {
		title := ""
		if m, err := r.Tx.Meeting(v.Int("id")); err == nil {
			title = core.Esc(m.Title)
		}
		if v.String("kind") == "decision" {
			return r.T("mt.ask_decision", title)
		}
		return r.T("mt.ask_minutes", title)
	}
	read := func(r *core.Req, v core.Values, text string) (any, string) {
		limit := maxMinutes
		if v.String("kind") == "decision" {
			limit = maxAgendaLine
		}
		switch {
		case text == "":
			return nil, r.T("mt.empty_note")
		case core.RuneLen(text) > limit:
			return nil, r.T("report.too_long", core.RuneLen(text), limit)
		}
		return text, ""
	}
	return &core.Dialog{Name: "mtnote", Min: storage.RoleStaff,
		Steps: []core.Step{core.TextStep{Name: "text", Label: "mt.step.note", Ask: ask, Parse: read}},
		Done: func(r *core.Req, v core.Values) error {
			return a.meetingNote(r, v.Int("id"), v.String("kind"), v.String("text"))
		}}
}

// meetingNote saves typed minutes or a decision.
func (a *Calendar) meetingNote(r *core.Req, id int64, kind, text string) error {
	m, err := r.Tx.Meeting(id)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	if core.IsNotFound(err) || !a.mayManageMeeting(r, m) || m.State != storage.MeetingPosted {
		return r.Reply(r.T("mt.not_yours"), nil)
	}
	if kind == "minutes" {
		if err := r.Tx.SetMeetingMinutes(m.ID, text); err != nil {
			return err
		}
		a.Audit(r, "meeting.minutes", "mt:"+core.Itoa(m.ID), map[string]int{"chars": core.RuneLen(text)})
		if err := r.Reply(r.T("mt.minutes_saved"), nil); err != nil {
			return err
		}
		return a.meetingPage(r, m.ID, false)
	}
	did, err := r.Tx.AddDecision(m.ID, text, r.Now)
	if err != nil {
		return err
	}
	a.Audit(r, "meeting.decision", "mt:"+core.Itoa(m.ID), map[string]int64{"decision": did})
	return r.Reply(r.T("mt.decision_saved", core.Esc(text)), a.ticketButtons(r, m, did))
}

// saveMeetingSchedule makes a meeting template recur at the chosen time.
func (a *Calendar) saveMeetingSchedule(r *core.Req, id int64, kind, spec string) error {
	m, err := r.Tx.Meeting(id)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	sel := audSel{Audience: m.Audience, Buildings: m.Buildings, TeamID: m.TeamID}
	switch {
	case core.IsNotFound(err) || !a.mayManageMeeting(r, m) || m.State != storage.MeetingTemplate || m.ScheduleID != 0:
		return r.Reply(r.T("mt.not_yours"), nil)
	case a.nextRun(kind, spec, r.Now).IsZero():
		return r.Reply(r.T("cal.never_again"), nil)
	case a.floodRefusal(r, sel, kind, spec) != "":
		return r.Reply(a.floodRefusal(r, sel, kind, spec), nil)
	}
	s := storage.Schedule{OwnerID: r.Me.ID, Kind: kind, Spec: spec, What: storage.ScheduleMeeting, Audience: m.Audience,
		Buildings: m.Buildings, TeamID: m.TeamID, MeetingID: m.ID, State: storage.ScheduleActive}
	if s.ID, err = r.Tx.CreateSchedule(s, r.Now); err != nil {
		return err
	}
	if err := r.Tx.SetMeetingSchedule(m.ID, s.ID); err != nil {
		return err
	}
	a.Audit(r, "schedule.create", "sch:"+core.Itoa(s.ID), map[string]any{"what": s.What, "kind": s.Kind, "spec": s.Spec, "meeting": m.ID})
	if err := a.layNext(r.Tx, s, r.Now, r.Now); err != nil {
		return err
	}
	if err := r.Reply(r.T("mt.recurring_saved", core.Esc(m.Title), a.duration(r, a.meetingLead())), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}
