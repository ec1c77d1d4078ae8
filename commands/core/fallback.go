package core

import (
	"encoding/json"
	"fmt"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// fallback takes what no route took.
func (a *Core) fallback(r *Req) error {
	switch {
	case r.upd.MyChatMember != nil:
		return a.membership(r)
	case r.CB != nil:
		return r.Toast(r.T("error.stale_button"))
	case r.Msg != nil && r.Msg.MigrateToChatID != 0:
		return r.Tx.MigrateChat(r.Chat.ID, r.Msg.MigrateToChatID)
	case r.cmd != "":
		if r.Private() || r.addressed() {
			return r.Reply(r.T("error.unknown_command"), nil)
		}
		return nil
	case r.Msg != nil && r.Private():
		return a.continueFlow(r)
	}
	return nil
}

// addressed reports a group command written as /cmd@thisbot.
func (r *Req) addressed() bool {
	return r.Msg != nil && len(r.Msg.Text) > 0 && ContainsFold(r.Msg.Text, "@"+r.a.BotName)
}

func (a *Core) continueFlow(r *Req) error {
	f, err := r.Tx.Flow(r.Me.ID)
	if IsNotFound(err) {
		if a.hooks.NoFlow != nil {
			return a.hooks.NoFlow(r)
		}
		return r.Reply(r.T("fallback.not_understood"), a.MainMenu(r))
	}
	if err != nil {
		return err
	}
	h, ok := a.flows[f.Name]
	if !ok {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("fallback.not_understood"), a.MainMenu(r))
	}
	return h(r, f)
}

// membership follows the bot being added to or removed from a group.
func (a *Core) membership(r *Req) error {
	m := r.upd.MyChatMember
	if m.Chat.Type == models.ChatTypePrivate {
		// A person stopped or restarted the bot.
		return r.Tx.SetMemberActive(r.From.ID, m.NewChatMember.Type != models.ChatMemberTypeBanned)
	}
	switch m.NewChatMember.Type {
	case models.ChatMemberTypeLeft, models.ChatMemberTypeBanned:
		return r.Tx.SetChatActive(m.Chat.ID, false)
	case models.ChatMemberTypeMember, models.ChatMemberTypeAdministrator:
		if err := r.Tx.SetChatActive(m.Chat.ID, true); err != nil {
			return err
		}
		if m.OldChatMember.Type == models.ChatMemberTypeLeft || m.OldChatMember.Type == models.ChatMemberTypeBanned {
			return r.Reply(r.T("group.hello"), nil)
		}
	}
	return nil
}

// SetFlow starts or advances the person's conversation name at step,
// keeping data (JSON) with it.
func (r *Req) SetFlow(name, step string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("flow %s: %w", name, err)
	}
	return r.Tx.SetFlow(storage.Flow{UserID: r.Me.ID, Name: name, Step: step, Data: string(raw)}, r.Now)
}

// EndFlowSaying ends the person's conversation and puts text in place of
// the message whose button was pressed.
func (r *Req) EndFlowSaying(text string) error {
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return r.Edit(text, nil)
}

// FlowFor reads the person's conversation name into data for a button
// press. ok is false, and the press answered as stale, when they are not in it.
func (r *Req) FlowFor(name string, data any) (storage.Flow, bool, error) {
	f, err := r.Tx.Flow(r.Me.ID)
	if IsNotFound(err) || (err == nil && f.Name != name) {
		return f, false, r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return f, false, err
	}
	if err := json.Unmarshal([]byte(f.Data), data); err != nil {
		return f, false, r.Toast(r.T("error.stale_button"))
	}
	return f, true, nil
}
