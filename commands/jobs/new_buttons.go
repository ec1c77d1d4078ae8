package jobs

import (
	"encoding/json"
	"strconv"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// jobNewButton takes the buttons of the /job flow ("jb:n:<what>[:arg]")
// and of a change of time.
func (a *Jobs) jobNewButton(r *core.Req, parts core.BtnArgs) error {
	if !r.Private() || len(parts) < 3 {
		return r.Toast(r.T("error.stale_button"))
	}
	f, err := r.Tx.Flow(r.Me.ID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	var d JobDraft
	if err != nil || (f.Name != FlowJob && f.Name != FlowJobMove) || json.Unmarshal([]byte(f.Data), &d) != nil {
		return r.Toast(r.T("error.stale_button"))
	}
	if parts[2] == "x" {
		return r.EndFlowSaying(r.T("cancel.done"))
	}
	if f.Name == FlowJobMove {
		return a.jobMoveButton(r, f, d, parts[2])
	}
	return a.jobDraftButton(r, f, d, parts[2], parts.Arg(3))
}

func (a *Jobs) jobDraftButton(r *core.Req, f storage.Flow, d JobDraft, what, arg string) error {
	stale := func() error { return r.Toast(r.T("error.stale_button")) }
	switch {
	case what == "ok" && f.Step == "confirm":
		if msg := a.jobTimeProblem(r, d.Start, d.End); msg != "" {
			return a.AskJobWhen(r, f.Name, d, msg)
		}
		if err := r.SetFlow(FlowJob, "place", d); err != nil {
			return err
		}
		if err := r.Edit(r.T("job.time_set", a.jobSpan(r.Lang, d.Start, d.End)), nil); err != nil {
			return err
		}
		return r.Reply(r.T("job.ask_place", maxJobPlace), telegram.ForceReply{ForceReply: true})
	case what == "chg" && f.Step == "confirm":
		if err := r.Edit(r.T("job.time_again"), nil); err != nil {
			return err
		}
		return a.AskJobWhen(r, f.Name, d, "")
	case what == "t" && f.Step == "team":
		return a.pickJobTeam(r, d, arg)
	case what == "s" && f.Step == "slots":
		return a.pickJobSlots(r, d, arg)
	case what == "w" && f.Step == "withdraw":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || n > 168 {
			return stale()
		}
		d.Withdraw = n
		return a.askJobChats(r, d)
	case what == "g" && f.Step == "groups":
		return a.toggleJobChat(r, d, arg)
	case what == "gd" && f.Step == "groups":
		return a.previewJob(r, d)
	case what == "pub" && f.Step == "preview":
		return a.publishDraft(r, d)
	}
	return stale()
}

func (a *Jobs) pickJobTeam(r *core.Req, d JobDraft, arg string) error {
	team, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return r.Toast(r.T("error.stale_button"))
	}
	if ok, err := a.MayOrganise(r, team); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Toast(r.T("job.not_organiser"))
	}
	d.Team = team
	return a.askJobSlots(r, d)
}

func (a *Jobs) pickJobSlots(r *core.Req, d JobDraft, arg string) error {
	if arg == "other" {
		if err := r.SetFlow(FlowJob, "slots_text", d); err != nil {
			return err
		}
		if err := r.Edit(r.T("job.ask_slots"), nil); err != nil {
			return err
		}
		return r.Reply(r.T("job.ask_slots_text", maxJobSlots), telegram.ForceReply{ForceReply: true})
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n < 1 || n > maxJobSlots {
		return r.Toast(r.T("job.slots_bad", maxJobSlots))
	}
	d.Slots = n
	return a.askJobWithdraw(r, d, true)
}

func (a *Jobs) toggleJobChat(r *core.Req, d JobDraft, arg string) error {
	id, err := strconv.ParseInt(arg, 10, 64)
	chats, cerr := a.postableChats(r)
	if cerr != nil {
		return cerr
	}
	if err != nil || !chatIn(chats, id) {
		return r.Toast(r.T("error.stale_button"))
	}
	if core.ContainsID(d.Chats, id) {
		d.Chats = removeID(d.Chats, id)
	} else {
		d.Chats = append(d.Chats, id)
	}
	return a.askJobChats(r, d)
}

// askJobTeam offers the caller's teams (staff: all) and Everyone.
func (a *Jobs) askJobTeam(r *core.Req, d JobDraft) error {
	teams, err := a.organiserTeams(r)
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, tm := range teams {
		rows = append(rows, []telegram.Button{{Text: tm.Name, CallbackData: "jb:n:t:" + core.Itoa(tm.ID)}})
	}
	if ok, err := a.MayOrganise(r, 0); err != nil {
		return err
	} else if ok {
		rows = append(rows, []telegram.Button{{Text: r.T("job.card.everyone"), CallbackData: "jb:n:t:0"}})
	}
	rows = append(rows, []telegram.Button{{Text: r.T("button.cancel"), CallbackData: "jb:n:x"}})
	if err := r.SetFlow(FlowJob, "team", d); err != nil {
		return err
	}
	return r.Reply(r.T("job.ask_team"), telegram.Keyboard{InlineKeyboard: rows})
}

func (a *Jobs) askJobSlots(r *core.Req, d JobDraft) error {
	if err := r.SetFlow(FlowJob, "slots", d); err != nil {
		return err
	}
	var row []telegram.Button
	for _, n := range []string{"4", "6", "8"} {
		row = append(row, telegram.Button{Text: n, CallbackData: "jb:n:s:" + n})
	}
	row = append(row, telegram.Button{Text: r.T("job.button.other"), CallbackData: "jb:n:s:other"})
	return r.Edit(r.T("job.ask_slots"), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}})
}

func (a *Jobs) askJobWithdraw(r *core.Req, d JobDraft, edit bool) error {
	if err := r.SetFlow(FlowJob, "withdraw", d); err != nil {
		return err
	}
	var row []telegram.Button
	for _, n := range []int{0, 2, 12, 24, 48} {
		label := r.T("job.hours", n)
		if n == 24 {
			label = "✓ " + label
		}
		row = append(row, telegram.Button{Text: label, CallbackData: "jb:n:w:" + strconv.Itoa(n)})
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}}
	if edit {
		return r.Edit(r.T("job.ask_withdraw", r.N("count.people", d.Slots)), kb)
	}
	return r.Reply(r.T("job.ask_withdraw", r.N("count.people", d.Slots)), kb)
}

// postableChats are the linked groups the caller may post a job in: staff
// any; others the community's groups and those of buildings they lead.
func (a *Jobs) postableChats(r *core.Req) ([]storage.Chat, error) {
	all, err := r.Tx.LinkedChats()
	if err != nil {
		return nil, err
	}
	if r.AtLeast(storage.RoleStaff) {
		return all, nil
	}
	var out []storage.Chat
	for _, c := range all {
		if c.Community || (r.Role == storage.RoleLeader && r.Me.LeadsBuilding(c.Building)) {
			out = append(out, c)
		}
	}
	return out, nil
}

func (a *Jobs) askJobChats(r *core.Req, d JobDraft) error {
	chats, err := a.postableChats(r)
	if err != nil {
		return err
	}
	if err := r.SetFlow(FlowJob, "groups", d); err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, c := range chats {
		label := c.Title
		if label == "" {
			label = core.Itoa(c.ID)
		}
		if core.ContainsID(d.Chats, c.ID) {
			label = "✓ " + label
		}
		rows = append(rows, []telegram.Button{{Text: core.LimitRunes(label, 40), CallbackData: "jb:n:g:" + core.Itoa(c.ID)}})
	}
	done := r.T("job.groups_done")
	if len(d.Chats) == 0 {
		done = r.T("job.groups_none")
	}
	rows = append(rows, []telegram.Button{{Text: done, CallbackData: "jb:n:gd"}, {Text: r.T("button.cancel"), CallbackData: "jb:n:x"}})
	return r.Edit(r.T("job.ask_groups"), telegram.Keyboard{InlineKeyboard: rows})
}

// previewJob shows the job exactly as members will see it, then Publish.
func (a *Jobs) previewJob(r *core.Req, d JobDraft) error {
	if err := r.SetFlow(FlowJob, "preview", d); err != nil {
		return err
	}
	j := d.job(r.Me.ID)
	card, err := a.jobCard(r.Tx, r.Lang, j, storage.JobCount{})
	if err != nil {
		return err
	}
	people, err := a.jobAudience(r.Tx, j)
	if err != nil {
		return err
	}
	if err := r.Edit(card, a.jobButtons(r.Lang, j)); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("job.button.publish"), CallbackData: "jb:n:pub"}, {Text: r.T("button.cancel"), CallbackData: "jb:n:x"}}}}
	return r.Reply(r.T("job.preview", r.N("count.team_members", len(people)), r.N("count.groups", len(d.Chats))), kb)
}

// job is the draft as a job organised by organiser.
func (d JobDraft) job(organiser int64) storage.Job {
	return storage.Job{Title: d.Title, Place: d.Place, TeamID: d.Team, Slots: d.Slots, Start: d.Start, End: d.End,
		WithdrawHours: d.Withdraw, OrganiserID: organiser, State: storage.JobOpen}
}

func chatIn(chats []storage.Chat, id int64) bool {
	for _, c := range chats {
		if c.ID == id {
			return true
		}
	}
	return false
}

func removeID(ids []int64, id int64) []int64 {
	var out []int64
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}
