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
			fmt.Fprintf(&b, "\n#%d · %s · %s · %s", m.ID, a.When(m.StartsAt), core.Esc(m.Title), core.Esc(m.Place))
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
	b.WriteString(r.T("mt.page_head", m.ID) + "\n" + a.invitation(r.Lang, m, coming, not))
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
		kb = telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.T("mt.record_minutes"), CallbackData: "mt:min:" + core.Itoa(m.ID)},
			{Text: r.T("mt.add_decision"), CallbackData: "mt:dec:" + core.Itoa(m.ID)},
		}}}
	}
	if pressed {
		if err := r.Toast(""); err != nil {
			return err
		}
	}
	return r.Reply(b.String(), kb)
}

// meetingPageAction takes Record minutes and Add a decision: each asks for
// the text with a ForceReply prompt.
func (a *Calendar) meetingPageAction(r *core.Req, verb string, m storage.Meeting) error {
	if m.State != storage.MeetingPosted || !r.Private() {
		return r.Toast(r.T("error.stale_button"))
	}
	step, key := "minutes", "mt.ask_minutes"
	if verb == "dec" {
		step, key = "decision", "mt.ask_decision"
	} else if verb != "min" {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.SetFlow(flowMeeting, step, mtData{ID: m.ID}); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(r.T(key, core.Esc(m.Title)), telegram.ForceReply{ForceReply: true})
}

// meetingNote saves typed minutes or a decision.
func (a *Calendar) meetingNote(r *core.Req, step string, d mtData, text string) error {
	m, err := r.Tx.Meeting(d.ID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	if core.IsNotFound(err) || !a.mayManageMeeting(r, m) || m.State != storage.MeetingPosted {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("mt.not_yours"), nil)
	}
	limit := maxMinutes
	if step == "decision" {
		limit = maxAgendaLine
	}
	switch {
	case text == "":
		return r.Reply(r.T("mt.empty_note"), telegram.ForceReply{ForceReply: true})
	case core.RuneLen(text) > limit:
		return r.Reply(r.T("report.too_long", core.RuneLen(text), limit), telegram.ForceReply{ForceReply: true})
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if step == "minutes" {
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

// ticketButtons make a decision a ticket of a building in one press.
func (a *Calendar) ticketButtons(r *core.Req, m storage.Meeting, did int64) telegram.Keyboard {
	bs := m.Buildings
	if len(bs) == 0 {
		bs = a.Cfg.Community.Buildings
	}
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, b := range bs {
		row = append(row, telegram.Button{Text: r.T("mt.make_ticket", b), CallbackData: fmt.Sprintf("mt:tk:%d:%s", did, b)})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.T("mt.make_job"), CallbackData: fmt.Sprintf("mt:jb:%d", did)}})
	return telegram.Keyboard{InlineKeyboard: rows}
}

// managedDecision reads the decision a button names, and its meeting, for
// a press by someone who may manage that meeting; ok is false, and the
// press answered, otherwise.
func (a *Calendar) managedDecision(r *core.Req, idText string) (d storage.Decision, m storage.Meeting, ok bool, err error) {
	id, ok := core.IdArg(idText)
	if !ok {
		return d, m, false, r.Toast(r.T("error.stale_button"))
	}
	if d, err = r.Tx.Decision(id); core.IsNotFound(err) {
		return d, m, false, r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return d, m, false, err
	}
	if m, err = r.Tx.Meeting(d.MeetingID); err != nil {
		return d, m, false, err
	}
	if !a.mayManageMeeting(r, m) {
		return d, m, false, r.Toast(r.T("mt.not_yours"))
	}
	return d, m, true, nil
}

// decisionTicket makes a decision a ticket of a building, filed and
// announced as any ticket is; a second press makes nothing.
func (a *Calendar) decisionTicket(r *core.Req, arg string) error {
	ids, building, _ := strings.Cut(arg, ":")
	if !a.Buildings[building] {
		return r.Toast(r.T("error.stale_button"))
	}
	d, m, ok, err := a.managedDecision(r, ids)
	if !ok {
		return err
	}
	if d.TicketID != 0 || d.JobID != 0 {
		return r.Toast(r.T("mt.already_made"))
	}
	tk := storage.Ticket{Kind: storage.TicketKindReport, Category: "other", Building: building, ReporterID: r.Me.ID,
		Text: "📅 " + m.Title + " · " + d.Text, HideName: true} // stored and read in both languages: no words of the bot's
	id, err := a.tickets.OpenTicket(r, tk)
	if err != nil {
		return err
	}
	if ok, err := r.Tx.SetDecisionTicket(d.ID, id); err != nil || !ok {
		if err == nil {
			err = fmt.Errorf("calendar: decision %d got two tickets", d.ID)
		}
		return err
	}
	if err := r.Toast(r.T("mt.ticket_made", id)); err != nil {
		return err
	}
	return r.Edit(r.T("mt.decision_ticket", core.Esc(d.Text), id, core.Esc(building)), nil)
}

// saveMeetingSchedule makes a meeting template recur at the chosen time.
func (a *Calendar) saveMeetingSchedule(r *core.Req, d calData) error {
	m, err := r.Tx.Meeting(d.MeetingID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	if core.IsNotFound(err) || !a.mayManageMeeting(r, m) || m.State != storage.MeetingTemplate || m.ScheduleID != 0 {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("mt.not_yours"), nil)
	}
	sel := audSel{Audience: m.Audience, Buildings: m.Buildings, TeamID: m.TeamID}
	if sel.groups() && a.tooOftenForGroups(d.Kind, d.Spec, r.Now) {
		return a.askWhenAgain(r, d, "cal.too_often_when")
	}
	s := storage.Schedule{OwnerID: r.Me.ID, Kind: d.Kind, Spec: d.Spec, What: storage.ScheduleMeeting, Audience: m.Audience,
		Buildings: m.Buildings, TeamID: m.TeamID, MeetingID: m.ID, State: storage.ScheduleActive}
	if s.ID, err = r.Tx.CreateSchedule(s, r.Now); err != nil {
		return err
	}
	if err := r.Tx.SetMeetingSchedule(m.ID, s.ID); err != nil {
		return err
	}
	a.Audit(r, "schedule.create", "sch:"+core.Itoa(s.ID), map[string]any{"what": s.What, "kind": s.Kind, "spec": s.Spec, "meeting": m.ID})
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if err := a.layNext(r.Tx, s, r.Now, r.Now); err != nil {
		return err
	}
	if err := r.Reply(r.T("mt.recurring_saved", core.Esc(m.Title), a.duration(r, a.meetingLead())), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}

// decisionJob starts the volunteer job flow with the decision as the job's
// title: the organiser goes on from its time. The job is linked to the
// decision when it is published.
func (a *Calendar) decisionJob(r *core.Req, arg string) error {
	d, _, ok, err := a.managedDecision(r, arg)
	if !ok {
		return err
	}
	if !r.Private() {
		return r.Toast(r.T("mt.not_yours"))
	}
	if ok, err := a.jobs.MayOrganise(r, 0); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Toast(r.T("job.not_organiser"))
	}
	if d.TicketID != 0 || d.JobID != 0 {
		return r.Toast(r.T("mt.already_made"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	title := a.jobs.JobTitle(strings.Join(strings.Fields(d.Text), " "))
	return a.jobs.DraftJob(r, title, d.ID, r.T("mt.job_from", core.Esc(title)))
}

// DecisionBecameJob links a published job to the decision it was made of.
func (a *Calendar) DecisionBecameJob(r *core.Req, decision, job int64) error {
	if decision == 0 {
		return nil
	}
	_, err := r.Tx.SetDecisionJob(decision, job)
	return err
}
