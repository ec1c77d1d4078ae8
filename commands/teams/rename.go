package teams

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// FlowTeamRename is the conversation that takes a team's new name.
const FlowTeamRename = "team_rename"

// renameDialog asks staff for a team's new name.
func (a *Teams) renameDialog() *core.Dialog {
	return &core.Dialog{
		Name: FlowTeamRename,
		Min:  core.StaffUp,
		Steps: []core.Step{
			core.TextStep{Name: "name", Ask: a.askName, Parse: a.readName},
		},
		Done: a.renameDone,
	}
}

// startRename asks for tm's new name.
func (a *Teams) startRename(r *core.Req, tm storage.Team) error {
	seed := core.Values{}
	if err := seed.Set("team", tm.ID); err != nil {
		return err
	}
	return a.rename.Start(r, seed)
}

func (a *Teams) askName(r *core.Req, v core.Values) string {
	tm, err := r.Tx.Team(v.Int("team"))
	if err != nil && !core.IsNotFound(err) {
		a.Log.Error("teams: the team renamed", "team", v.Int("team"), "err", err)
	}
	return r.T("team.ask_name", core.Esc(tm.Name), maxTeamName)
}

// readName takes a team's new name: one line, its words single-spaced.
func (a *Teams) readName(r *core.Req, v core.Values, text string) (any, string) {
	name := strings.Join(strings.Fields(core.CleanLine(text)), " ")
	refusal, err := a.teamNameProblem(r, name, v.Int("team"))
	if err != nil {
		a.Log.Error("teams: a new name", "team", v.Int("team"), "err", err)
		return nil, r.T("team.usage", maxTeamName)
	}
	if refusal != "" {
		return nil, refusal
	}
	return name, ""
}

// renameDone gives the team its new name.
func (a *Teams) renameDone(r *core.Req, v core.Values) error {
	tm, err := r.Tx.Team(v.Int("team"))
	if core.IsNotFound(err) {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	if err != nil {
		return err
	}
	name := v.String("name")
	if err := r.Tx.RenameTeam(tm.ID, name); err != nil {
		return err
	}
	return r.Reply(r.T("team.renamed", core.Esc(tm.Name), core.Esc(name)), nil)
}
