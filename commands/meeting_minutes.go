package commands

import (
	"fmt"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// meetings is /meetings: the upcoming and the latest past meetings, each
// with a button to its page.
func (a *App) meetings(r *req) error {
	up, err := r.tx.UpcomingMeetings(r.now, 10)
	if err != nil {
		return err
	}
	past, err := r.tx.PastMeetings(r.now, 10)
	if err != nil {
		return err
	}
	if len(up)+len(past) == 0 {
		return r.reply(r.t("mt.none"), nil)
	}
	var b strings.Builder
	var rows [][]telegram.Button
	var row []telegram.Button
	for i, list := range [][]storage.Meeting{up, past} {
		b.WriteString(r.t([]string{"mt.upcoming", "mt.past"}[i]))
		if len(list) == 0 {
			b.WriteString("\n—")
		}
		for _, m := range list {
			fmt.Fprintf(&b, "\n#%d · %s · %s · %s", m.ID, a.when(m.StartsAt), esc(m.Title), esc(m.Place))
			row = append(row, telegram.Button{Text: "#" + itoa(m.ID), CallbackData: "mt:v:" + itoa(m.ID)})
			if len(row) == 5 {
				rows, row = append(rows, row), nil
			}
		}
		b.WriteString("\n\n")
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return r.reply(strings.TrimSpace(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}

// mayViewMeeting is the one rule for who may read a meeting's page (its
// answers, minutes and decisions): staff and building leaders.
func (a *App) mayViewMeeting(r *req, m storage.Meeting) bool {
	return r.atLeast(storage.RoleLeader) && m.State == storage.MeetingPosted
}

// meetingPage shows a meeting with its answers, minutes and decisions, and
// their tickets' states.
func (a *App) meetingPage(r *req, id int64, pressed bool) error {
	m, err := r.tx.Meeting(id)
	if isNotFound(err) || (err == nil && !a.mayViewMeeting(r, m)) {
		if pressed {
			return r.toast(r.t("mt.not_yours"))
		}
		return r.reply(r.t("mt.not_yours"), nil)
	}
	if err != nil {
		return err
	}
	coming, not, err := r.tx.RSVPCounts(m.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.t("mt.page_head", m.ID) + "\n" + a.invitation(r.lang, m, coming, not))
	if m.Minutes != "" {
		b.WriteString("\n\n" + r.t("mt.minutes") + "\n" + esc(m.Minutes))
	}
	ds, err := r.tx.Decisions(m.ID)
	if err != nil {
		return err
	}
	if len(ds) > 0 {
		b.WriteString("\n\n" + r.t("mt.decisions"))
	}
	for i, d := range ds {
		state := r.t("mt.no_ticket")
		if d.TicketID != 0 {
			if tk, err := r.tx.Ticket(d.TicketID); err == nil {
				state = r.t("mt.ticket_state", tk.ID, a.stateLabel(r.lang, tk.State))
			}
		}
		if d.JobID != 0 {
			if j, err := r.tx.Job(d.JobID); err == nil {
				state = r.t("mt.job_state", j.ID, esc(j.Title), r.t("mt.job."+j.State))
			}
		}
		fmt.Fprintf(&b, "\n%d. %s — %s", i+1, esc(d.Text), state)
	}
	var kb any
	if a.mayManageMeeting(r, m) {
		kb = telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.t("mt.record_minutes"), CallbackData: "mt:min:" + itoa(m.ID)},
			{Text: r.t("mt.add_decision"), CallbackData: "mt:dec:" + itoa(m.ID)},
		}}}
	}
	if pressed {
		if err := r.toast(""); err != nil {
			return err
		}
	}
	return r.reply(b.String(), kb)
}

// meetingPageAction takes Record minutes and Add a decision: each asks for
// the text with a ForceReply prompt.
func (a *App) meetingPageAction(r *req, verb string, m storage.Meeting) error {
	if m.State != storage.MeetingPosted || !r.private() {
		return r.toast(r.t("error.stale_button"))
	}
	step, key := "minutes", "mt.ask_minutes"
	if verb == "dec" {
		step, key = "decision", "mt.ask_decision"
	} else if verb != "min" {
		return r.toast(r.t("error.stale_button"))
	}
	if err := r.setFlow(flowMeeting, step, mtData{ID: m.ID}); err != nil {
		return err
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(r.t(key, esc(m.Title)), telegram.ForceReply{ForceReply: true})
}

// meetingNote saves typed minutes or a decision.
func (a *App) meetingNote(r *req, step string, d mtData, text string) error {
	m, err := r.tx.Meeting(d.ID)
	if err != nil && !isNotFound(err) {
		return err
	}
	if isNotFound(err) || !a.mayManageMeeting(r, m) || m.State != storage.MeetingPosted {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("mt.not_yours"), nil)
	}
	limit := maxMinutes
	if step == "decision" {
		limit = maxAgendaLine
	}
	switch {
	case text == "":
		return r.reply(r.t("mt.empty_note"), telegram.ForceReply{ForceReply: true})
	case runeLen(text) > limit:
		return r.reply(r.t("report.too_long", runeLen(text), limit), telegram.ForceReply{ForceReply: true})
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if step == "minutes" {
		if err := r.tx.SetMeetingMinutes(m.ID, text); err != nil {
			return err
		}
		a.audit(r, "meeting.minutes", "mt:"+itoa(m.ID), map[string]int{"chars": runeLen(text)})
		if err := r.reply(r.t("mt.minutes_saved"), nil); err != nil {
			return err
		}
		return a.meetingPage(r, m.ID, false)
	}
	did, err := r.tx.AddDecision(m.ID, text, r.now)
	if err != nil {
		return err
	}
	a.audit(r, "meeting.decision", "mt:"+itoa(m.ID), map[string]int64{"decision": did})
	return r.reply(r.t("mt.decision_saved", esc(text)), a.ticketButtons(r, m, did))
}

// ticketButtons make a decision a ticket of a building in one press.
func (a *App) ticketButtons(r *req, m storage.Meeting, did int64) telegram.Keyboard {
	bs := m.Buildings
	if len(bs) == 0 {
		bs = a.cfg.Community.Buildings
	}
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, b := range bs {
		row = append(row, telegram.Button{Text: r.t("mt.make_ticket", b), CallbackData: fmt.Sprintf("mt:tk:%d:%s", did, b)})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.t("mt.make_job"), CallbackData: fmt.Sprintf("mt:jb:%d", did)}})
	return telegram.Keyboard{InlineKeyboard: rows}
}

// managedDecision reads the decision a button names, and its meeting, for
// a press by someone who may manage that meeting; ok is false, and the
// press answered, otherwise.
func (a *App) managedDecision(r *req, idText string) (d storage.Decision, m storage.Meeting, ok bool, err error) {
	id, ok := idArg(idText)
	if !ok {
		return d, m, false, r.toast(r.t("error.stale_button"))
	}
	if d, err = r.tx.Decision(id); isNotFound(err) {
		return d, m, false, r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return d, m, false, err
	}
	if m, err = r.tx.Meeting(d.MeetingID); err != nil {
		return d, m, false, err
	}
	if !a.mayManageMeeting(r, m) {
		return d, m, false, r.toast(r.t("mt.not_yours"))
	}
	return d, m, true, nil
}

// decisionTicket makes a decision a ticket of a building, filed and
// announced as any ticket is; a second press makes nothing.
func (a *App) decisionTicket(r *req, arg string) error {
	ids, building, _ := strings.Cut(arg, ":")
	if !a.buildings[building] {
		return r.toast(r.t("error.stale_button"))
	}
	d, m, ok, err := a.managedDecision(r, ids)
	if !ok {
		return err
	}
	if d.TicketID != 0 || d.JobID != 0 {
		return r.toast(r.t("mt.already_made"))
	}
	tk := storage.Ticket{Kind: storage.TicketKindReport, Category: "other", Building: building, ReporterID: r.me.ID,
		Text: "📅 " + m.Title + " · " + d.Text, HideName: true} // stored and read in both languages: no words of the bot's
	id, _, err := a.openTicket(r, tk)
	if err != nil {
		return err
	}
	if ok, err := r.tx.SetDecisionTicket(d.ID, id); err != nil || !ok {
		if err == nil {
			err = fmt.Errorf("calendar: decision %d got two tickets", d.ID)
		}
		return err
	}
	if err := r.toast(r.t("mt.ticket_made", id)); err != nil {
		return err
	}
	return r.edit(r.t("mt.decision_ticket", esc(d.Text), id, esc(building)), nil)
}

// saveMeetingSchedule makes a meeting template recur at the chosen time.
func (a *App) saveMeetingSchedule(r *req, d calData) error {
	m, err := r.tx.Meeting(d.MeetingID)
	if err != nil && !isNotFound(err) {
		return err
	}
	if isNotFound(err) || !a.mayManageMeeting(r, m) || m.State != storage.MeetingTemplate || m.ScheduleID != 0 {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("mt.not_yours"), nil)
	}
	sel := audSel{Audience: m.Audience, Buildings: m.Buildings, TeamID: m.TeamID}
	if sel.groups() && a.tooOftenForGroups(d.Kind, d.Spec, r.now) {
		return a.askWhenAgain(r, d, "cal.too_often_when")
	}
	s := storage.Schedule{OwnerID: r.me.ID, Kind: d.Kind, Spec: d.Spec, What: storage.ScheduleMeeting, Audience: m.Audience,
		Buildings: m.Buildings, TeamID: m.TeamID, MeetingID: m.ID, State: storage.ScheduleActive}
	if s.ID, err = r.tx.CreateSchedule(s, r.now); err != nil {
		return err
	}
	if err := r.tx.SetMeetingSchedule(m.ID, s.ID); err != nil {
		return err
	}
	a.audit(r, "schedule.create", "sch:"+itoa(s.ID), map[string]any{"what": s.What, "kind": s.Kind, "spec": s.Spec, "meeting": m.ID})
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if err := a.layNext(r.tx, s, r.now, r.now); err != nil {
		return err
	}
	if err := r.reply(r.t("mt.recurring_saved", esc(m.Title), a.duration(r, a.meetingLead())), nil); err != nil {
		return err
	}
	return a.showSchedule(r, s, false)
}

// decisionJob starts the volunteer job flow with the decision as the job's
// title: the organiser goes on from its time. The job is linked to the
// decision when it is published.
func (a *App) decisionJob(r *req, arg string) error {
	d, _, ok, err := a.managedDecision(r, arg)
	if !ok {
		return err
	}
	if !r.private() {
		return r.toast(r.t("mt.not_yours"))
	}
	if ok, err := a.mayOrganise(r, 0); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.toast(r.t("job.not_organiser"))
	}
	if d.TicketID != 0 || d.JobID != 0 {
		return r.toast(r.t("mt.already_made"))
	}
	if err := r.toast(""); err != nil {
		return err
	}
	title := limitRunes(strings.Join(strings.Fields(d.Text), " "), maxJobTitle)
	return a.askJobWhen(r, flowJob, jobDraft{Title: title, Decision: d.ID}, r.t("mt.job_from", esc(title)))
}

// decisionBecameJob links a published job to the decision it was made of.
func (a *App) decisionBecameJob(r *req, decision, job int64) error {
	if decision == 0 {
		return nil
	}
	_, err := r.tx.SetDecisionJob(decision, job)
	return err
}
