package mediation

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// flowMediator is the conversation in which staff name a mediator, or take
// that back: the person chosen among the registered residents by buttons
// (or a name, @username or id typed), then confirmed.
const flowMediator = "med_mediator"

func (a *Mediation) mediatorDialog() *core.Dialog {
	return &core.Dialog{Name: flowMediator, Min: core.StaffUp, Steps: []core.Step{
		core.PersonStep{Name: "who", Label: "mediator.step.who", Ask: core.Say("mediator.ask"),
			People: func(r *core.Req, _ core.Values) ([]storage.Member, error) { return r.Tx.Residents() }},
		core.ConfirmStep{Name: "ok", Summary: a.mediatorPreview},
	}, Done: a.mediatorDone}
}

func (a *Mediation) mediatorPreview(r *core.Req, v core.Values) string {
	id := v.Int("who")
	on, err := r.Tx.IsMediator(id)
	if err == nil && on {
		return r.T("mediator.ask_revoke", core.Esc(a.NameOf(r, id)))
	}
	return r.T("mediator.ask_grant", core.Esc(a.NameOf(r, id)))
}

// mediatorDone names the person a mediator, or takes it back if they are one.
func (a *Mediation) mediatorDone(r *core.Req, v core.Values) error {
	m, err := r.Tx.Member(v.Int("who"))
	if err != nil {
		return err
	}
	on, err := r.Tx.IsMediator(m.ID)
	if err != nil {
		return err
	}
	return a.setMediator(r, m, !on)
}

// mediator: /mediator <@user|id> [off], or as a reply: staff name a
// mediator of the mediation room, or take that back. Without either, the
// person is chosen by buttons.
func (a *Mediation) mediator(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))
	if len(words) == 0 && (r.Msg.ReplyToMessage == nil || r.Msg.ReplyToMessage.From == nil) {
		return a.mediatorFlow.Start(r, nil)
	}
	target, words, err := a.Target(r, words)
	if err != nil || target == nil {
		return err
	}
	off := len(words) > 0 && (strings.EqualFold(words[0], "off") || words[0] == "取消")
	return a.setMediator(r, *target, !off)
}

func (a *Mediation) setMediator(r *core.Req, target storage.Member, on bool) error {
	if err := r.Tx.SetMediator(target.ID, on, r.Me.ID, r.Now); err != nil {
		return err
	}
	key, action := "mediator.granted", "mediator.grant"
	if !on {
		key, action = "mediator.revoked", "mediator.revoke"
	}
	a.Audit(r, action, core.MemberTarget(target.ID), nil)
	if target.Active && target.ID != r.Me.ID {
		if err := a.TellMember(r, target.ID, nil, key+"_told"); err != nil {
			return err
		}
	}
	return r.Reply(r.T(key, core.Esc(target.Name)), nil)
}
