package announce

import (
	"strings"

	"courtyard/commands/core"
)

// CommandRows are announce's rows of the permission table.
func (a *Announce) CommandRows() []core.Command {
	return []core.Command{
		{Name: "announce", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce, Check: a.mayAnnounce}, Menu: core.Listed,
			Run: func(r *core.Req) error { return a.flow.Start(r, nil) }},
		// Whose announcements may be read is the handler's: the sender's own, or staff's.
		{Name: "announcements", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, Menu: core.Listed, Run: a.announcements},
	}
}

// ButtonRows are announce's button rows: Read ✓ under an announcement,
// and the conversation's.
func (a *Announce) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "an:", Run: a.announceButton, Refuse: "ann.ack_not_recipient", Private: "error.stale_button", Verbs: core.Verbs{
			"ack": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeRecipient, Check: a.isRecipient},
		}},
		a.flow.Buttons(),
	}
}

// Flows are announce's conversations by name.
func (a *Announce) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{Flow: a.flow.Continue}
}

// mayAnnounce lets in whoever may reach some audience.
func (a *Announce) mayAnnounce(r *core.Req) (bool, error) { return len(a.Audiences(r)) > 0, nil }

// isRecipient is the one rule for Read ✓: a press counts only on a copy
// the announcement was sent to, in the presser's private chat or a group
// it went to. A press that names no sent announcement (a preview's, a
// stale one) is the handler's to answer.
func (a *Announce) isRecipient(r *core.Req) (bool, error) {
	id, ok := core.IdArg(strings.TrimPrefix(r.CB.Data, "an:ack:"))
	if !ok {
		return true, nil
	}
	ann, err := r.Tx.Announcement(id)
	if core.IsNotFound(err) || (err == nil && ann.State != "sent") {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return r.Tx.IsAnnouncementRecipient(id, r.Chat.ID)
}

// announceButton routes the "an:" buttons.
func (a *Announce) announceButton(r *core.Req) error {
	verb, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "an:"), ":")
	if verb == "ack" {
		return a.acknowledge(r, arg)
	}
	return r.Toast(r.T("error.stale_button"))
}
