package commands

import (
	"encoding/json"
	"strconv"

	"courtyard/storage"
	"courtyard/telegram"
)

// jobNewButton takes the buttons of the /job flow ("jb:n:<what>[:arg]")
// and of a change of time.
func (a *App) jobNewButton(r *req, parts btnArgs) error {
	if !r.private() || len(parts) < 3 {
		return r.toast(r.t("error.stale_button"))
	}
	f, err := r.tx.Flow(r.me.ID)
	if err != nil && !isNotFound(err) {
		return err
	}
	var d jobDraft
	if err != nil || (f.Name != flowJob && f.Name != flowJobMove) || json.Unmarshal([]byte(f.Data), &d) != nil {
		return r.toast(r.t("error.stale_button"))
	}
	if parts[2] == "x" {
		return r.endFlowSaying(r.t("cancel.done"))
	}
	if f.Name == flowJobMove {
		return a.jobMoveButton(r, f, d, parts[2])
	}
	return a.jobDraftButton(r, f, d, parts[2], parts.arg(3))
}

func (a *App) jobDraftButton(r *req, f storage.Flow, d jobDraft, what, arg string) error {
	stale := func() error { return r.toast(r.t("error.stale_button")) }
	switch {
	case what == "ok" && f.Step == "confirm":
		if msg := a.jobTimeProblem(r, d.Start, d.End); msg != "" {
			return a.askJobWhen(r, f.Name, d, msg)
		}
		if err := r.setFlow(flowJob, "place", d); err != nil {
			return err
		}
		if err := r.edit(r.t("job.time_set", a.jobSpan(r.lang, d.Start, d.End)), nil); err != nil {
			return err
		}
		return r.reply(r.t("job.ask_place", maxJobPlace), telegram.ForceReply{ForceReply: true})
	case what == "chg" && f.Step == "confirm":
		if err := r.edit(r.t("job.time_again"), nil); err != nil {
			return err
		}
		return a.askJobWhen(r, f.Name, d, "")
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

func (a *App) pickJobTeam(r *req, d jobDraft, arg string) error {
	team, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return r.toast(r.t("error.stale_button"))
	}
	if ok, err := a.mayOrganise(r, team); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.toast(r.t("job.not_organiser"))
	}
	d.Team = team
	return a.askJobSlots(r, d)
}

func (a *App) pickJobSlots(r *req, d jobDraft, arg string) error {
	if arg == "other" {
		if err := r.setFlow(flowJob, "slots_text", d); err != nil {
			return err
		}
		if err := r.edit(r.t("job.ask_slots"), nil); err != nil {
			return err
		}
		return r.reply(r.t("job.ask_slots_text", maxJobSlots), telegram.ForceReply{ForceReply: true})
	}
	n, err := strconv.Atoi(arg)
	if err != nil || n < 1 || n > maxJobSlots {
		return r.toast(r.t("job.slots_bad", maxJobSlots))
	}
	d.Slots = n
	return a.askJobWithdraw(r, d, true)
}

func (a *App) toggleJobChat(r *req, d jobDraft, arg string) error {
	id, err := strconv.ParseInt(arg, 10, 64)
	chats, cerr := a.postableChats(r)
	if cerr != nil {
		return cerr
	}
	if err != nil || !chatIn(chats, id) {
		return r.toast(r.t("error.stale_button"))
	}
	if containsID(d.Chats, id) {
		d.Chats = removeID(d.Chats, id)
	} else {
		d.Chats = append(d.Chats, id)
	}
	return a.askJobChats(r, d)
}

// askJobTeam offers the caller's teams (staff: all) and Everyone.
func (a *App) askJobTeam(r *req, d jobDraft) error {
	teams, err := a.organiserTeams(r)
	if err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, tm := range teams {
		rows = append(rows, []telegram.Button{{Text: tm.Name, CallbackData: "jb:n:t:" + itoa(tm.ID)}})
	}
	if ok, err := a.mayOrganise(r, 0); err != nil {
		return err
	} else if ok {
		rows = append(rows, []telegram.Button{{Text: r.t("job.card.everyone"), CallbackData: "jb:n:t:0"}})
	}
	rows = append(rows, []telegram.Button{{Text: r.t("button.cancel"), CallbackData: "jb:n:x"}})
	if err := r.setFlow(flowJob, "team", d); err != nil {
		return err
	}
	return r.reply(r.t("job.ask_team"), telegram.Keyboard{InlineKeyboard: rows})
}

func (a *App) askJobSlots(r *req, d jobDraft) error {
	if err := r.setFlow(flowJob, "slots", d); err != nil {
		return err
	}
	var row []telegram.Button
	for _, n := range []string{"4", "6", "8"} {
		row = append(row, telegram.Button{Text: n, CallbackData: "jb:n:s:" + n})
	}
	row = append(row, telegram.Button{Text: r.t("job.button.other"), CallbackData: "jb:n:s:other"})
	return r.edit(r.t("job.ask_slots"), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}})
}

func (a *App) askJobWithdraw(r *req, d jobDraft, edit bool) error {
	if err := r.setFlow(flowJob, "withdraw", d); err != nil {
		return err
	}
	var row []telegram.Button
	for _, n := range []int{0, 2, 12, 24, 48} {
		label := r.t("job.hours", n)
		if n == 24 {
			label = "✓ " + label
		}
		row = append(row, telegram.Button{Text: label, CallbackData: "jb:n:w:" + strconv.Itoa(n)})
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}}
	if edit {
		return r.edit(r.t("job.ask_withdraw", r.n("count.people", d.Slots)), kb)
	}
	return r.reply(r.t("job.ask_withdraw", r.n("count.people", d.Slots)), kb)
}

// postableChats are the linked groups the caller may post a job in: staff
// any; others the community's groups and those of buildings they lead.
func (a *App) postableChats(r *req) ([]storage.Chat, error) {
	all, err := r.tx.LinkedChats()
	if err != nil {
		return nil, err
	}
	if r.atLeast(storage.RoleStaff) {
		return all, nil
	}
	var out []storage.Chat
	for _, c := range all {
		if c.Community || (r.role == storage.RoleLeader && r.me.LeadsBuilding(c.Building)) {
			out = append(out, c)
		}
	}
	return out, nil
}

func (a *App) askJobChats(r *req, d jobDraft) error {
	chats, err := a.postableChats(r)
	if err != nil {
		return err
	}
	if err := r.setFlow(flowJob, "groups", d); err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, c := range chats {
		label := c.Title
		if label == "" {
			label = itoa(c.ID)
		}
		if containsID(d.Chats, c.ID) {
			label = "✓ " + label
		}
		rows = append(rows, []telegram.Button{{Text: limitRunes(label, 40), CallbackData: "jb:n:g:" + itoa(c.ID)}})
	}
	done := r.t("job.groups_done")
	if len(d.Chats) == 0 {
		done = r.t("job.groups_none")
	}
	rows = append(rows, []telegram.Button{{Text: done, CallbackData: "jb:n:gd"}, {Text: r.t("button.cancel"), CallbackData: "jb:n:x"}})
	return r.edit(r.t("job.ask_groups"), telegram.Keyboard{InlineKeyboard: rows})
}

// previewJob shows the job exactly as members will see it, then Publish.
func (a *App) previewJob(r *req, d jobDraft) error {
	if err := r.setFlow(flowJob, "preview", d); err != nil {
		return err
	}
	j := d.job(r.me.ID)
	card, err := a.jobCard(r.tx, r.lang, j, storage.JobCount{})
	if err != nil {
		return err
	}
	people, err := a.jobAudience(r.tx, j)
	if err != nil {
		return err
	}
	if err := r.edit(card, a.jobButtons(r.lang, j)); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.t("job.button.publish"), CallbackData: "jb:n:pub"}, {Text: r.t("button.cancel"), CallbackData: "jb:n:x"}}}}
	return r.reply(r.t("job.preview", r.n("count.team_members", len(people)), r.n("count.groups", len(d.Chats))), kb)
}

// job is the draft as a job organised by organiser.
func (d jobDraft) job(organiser int64) storage.Job {
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
