package commands

import (
	"encoding/json"
	"fmt"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// flowHandlers continue a conversation with the next thing the person sent.
func (a *App) flowHandlers() map[string]func(*req, storage.Flow) error {
	return map[string]func(*req, storage.Flow) error{
		flowRegister:     a.regText,
		flowReport:       a.reportText,
		flowResolve:      a.resolveText,
		flowAnnounce:     a.annText,
		flowTeamRename:   a.teamRenameText,
		flowTicketNote:   a.ticketNoteText,
		flowJob:          a.jobFlowText,
		flowJobMove:      a.jobFlowText,
		flowPatrolTpl:    a.tplText,
		flowPatrolOffer:  a.offerText,
		flowPatrolFound:  a.foundText,
		flowCare:         a.careText,
		flowVisitNote:    a.visitNoteText,
		flowStarNominate: a.starNominateText,
		flowPledge:       a.pledgeText,
		flowMediation:    a.mediationText,
		flowSchedule:     a.scheduleText,
		flowMeeting:      a.meetingText,
	}
}

// fallback takes what no route took.
func (a *App) fallback(r *req) error {
	switch {
	case r.upd.MyChatMember != nil:
		return a.membership(r)
	case r.cb != nil:
		return r.toast(r.t("error.stale_button"))
	case r.msg != nil && r.msg.MigrateToChatID != 0:
		return r.tx.MigrateChat(r.chat.ID, r.msg.MigrateToChatID)
	case r.cmd != "":
		if r.private() || r.addressed() {
			return r.reply(r.t("error.unknown_command"), nil)
		}
		return nil
	case r.msg != nil && r.private():
		return a.continueFlow(r)
	}
	return nil
}

// addressed reports a group command written as /cmd@thisbot.
func (r *req) addressed() bool {
	return r.msg != nil && len(r.msg.Text) > 0 && containsFold(r.msg.Text, "@"+r.a.botName)
}

func (a *App) continueFlow(r *req) error {
	f, err := r.tx.Flow(r.me.ID)
	if isNotFound(err) {
		if !r.me.Registered() {
			return a.askBuilding(r, r.t("start.welcome", esc(a.cfg.Community.Name)))
		}
		if voiceOf(r) != nil {
			// A voice note out of the blue is most likely a report.
			return r.reply(r.t("report.voice_no_flow"), a.mainMenu(r))
		}
		return r.reply(r.t("fallback.not_understood"), a.mainMenu(r))
	}
	if err != nil {
		return err
	}
	h, ok := a.flowHandlers()[f.Name]
	if !ok {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("fallback.not_understood"), a.mainMenu(r))
	}
	return h(r, f)
}

// membership follows the bot being added to or removed from a group.
func (a *App) membership(r *req) error {
	m := r.upd.MyChatMember
	if m.Chat.Type == models.ChatTypePrivate {
		// A person stopped or restarted the bot.
		return r.tx.SetMemberActive(r.from.ID, m.NewChatMember.Type != models.ChatMemberTypeBanned)
	}
	switch m.NewChatMember.Type {
	case models.ChatMemberTypeLeft, models.ChatMemberTypeBanned:
		return r.tx.SetChatActive(m.Chat.ID, false)
	case models.ChatMemberTypeMember, models.ChatMemberTypeAdministrator:
		if err := r.tx.SetChatActive(m.Chat.ID, true); err != nil {
			return err
		}
		if m.OldChatMember.Type == models.ChatMemberTypeLeft || m.OldChatMember.Type == models.ChatMemberTypeBanned {
			return r.reply(r.t("group.hello"), nil)
		}
	}
	return nil
}

// setFlow starts or advances the person's conversation name at step,
// keeping data (JSON) with it.
func (r *req) setFlow(name, step string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("flow %s: %w", name, err)
	}
	return r.tx.SetFlow(storage.Flow{UserID: r.me.ID, Name: name, Step: step, Data: string(raw)}, r.now)
}

// endFlowSaying ends the person's conversation and puts text in place of
// the message whose button was pressed.
func (r *req) endFlowSaying(text string) error {
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	return r.edit(text, nil)
}

// flowFor reads the person's conversation name into data for a button
// press. ok is false, and the press answered as stale, when they are not in it.
func (r *req) flowFor(name string, data any) (storage.Flow, bool, error) {
	f, err := r.tx.Flow(r.me.ID)
	if isNotFound(err) || (err == nil && f.Name != name) {
		return f, false, r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return f, false, err
	}
	if err := json.Unmarshal([]byte(f.Data), data); err != nil {
		return f, false, r.toast(r.t("error.stale_button"))
	}
	return f, true, nil
}
