package tickets

import (
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// Voice notes: many elderly residents find speaking easier than typing.
// A voice note can be a report's description; it is kept on the ticket and
// sent to those handling it, never to the building's group.
const (
	maxVoiceSeconds = 5 * 60 // longer voice notes are refused
	maxVoices       = 5      // voice notes per ticket
)

// voiceRefused answers, and reports true, when a voice note is too long or
// there are already as many as a ticket may have.
func (a *Tickets) voiceRefused(r *core.Req, v storage.Voice, have int) (bool, error) {
	switch {
	case v.Seconds > maxVoiceSeconds:
		return true, r.Reply(r.T("report.voice_too_long", maxVoiceSeconds/60), nil)
	case have >= maxVoices:
		return true, r.Reply(r.T("report.voice_limit", r.N("count.voices", maxVoices)), nil)
	}
	return false, nil
}

// TicketText is a ticket's description as a reader of lang sees it: its
// text, or "(voice message)" when it was told by voice only.
func (a *Tickets) TicketText(lang string, tk storage.Ticket) string {
	if tk.Text == "" && len(tk.Voices) > 0 {
		return a.Cat.T(lang, "ticket.voice_only")
	}
	return tk.Text
}

// sendVoices sends a ticket's voice notes to chat, each captioned in lang.
func (a *Tickets) sendVoices(tx *storage.Tx, chat int64, lang string, tk storage.Ticket, voices []storage.Voice, prio int, now time.Time) error {
	for i, v := range voices {
		caption := a.Cat.T(lang, "media.voice", tk.ID)
		if len(voices) > 1 {
			caption = a.Cat.T(lang, "media.voice_n", tk.ID, i+1, len(voices))
		}
		m := storage.OutMsg{ChatID: chat, Priority: prio, Method: "sendVoice"}
		if v.Audio {
			m.Method = "sendAudio"
			m.Payload = telegram.Marshal(telegram.SendAudio{ChatID: chat, Audio: v.FileID, Caption: caption, ParseMode: "HTML"})
		} else {
			m.Payload = telegram.Marshal(telegram.SendVoice{ChatID: chat, Voice: v.FileID, Caption: caption, ParseMode: "HTML"})
		}
		if _, err := a.Enqueue(tx, m, now); err != nil {
			return err
		}
	}
	return nil
}

// draftVoice keeps a voice note sent before the report is filed; it
// reports true when it answered (the note was refused).
func (a *Tickets) draftVoice(r *core.Req, d *ReportData) (bool, error) {
	v := core.VoiceOf(r)
	if v == nil {
		return false, nil
	}
	if refused, err := a.voiceRefused(r, *v, len(d.Voices)); refused || err != nil {
		return true, err
	}
	d.Voices = append(d.Voices, *v)
	return false, nil
}

// attachVoice adds a voice note sent after filing to the ticket and sends
// it to those handling it; a caption is kept as an added sentence.
func (a *Tickets) attachVoice(r *core.Req, d ReportData, v storage.Voice) error {
	tk, err := r.Tx.Ticket(d.Ticket)
	if err != nil {
		return err
	}
	if tk.ReporterID != r.Me.ID || tk.State.Terminal() {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("fallback.not_understood"), a.MainMenu(r))
	}
	if refused, err := a.voiceRefused(r, v, len(tk.Voices)); refused || err != nil {
		return err
	}
	if err := r.Tx.AddTicketVoice(tk.ID, v, r.Now); err != nil {
		return err
	}
	if text := core.CleanText(r.Text); text != "" {
		if err := r.Tx.AddTicketNote(tk.ID, r.Me.ID, core.LimitRunes(text, a.Cfg.Tickets.MaxText), r.Now); err != nil {
			return err
		}
	}
	people, err := a.handlers(r, tk)
	if err != nil {
		return err
	}
	for _, m := range people {
		if err := a.sendVoices(r.Tx, m.ID, a.LangOf(m), tk, []storage.Voice{v}, storage.PriorityReply, r.Now); err != nil {
			return err
		}
	}
	return r.Reply(r.T("report.voice_added", tk.ID), nil)
}

// voicesToClaimer sends a ticket's voice notes to the person who just
// claimed it, unless they had them with the new-ticket notice (the
// building's leaders, or staff when it had none).
func (a *Tickets) voicesToClaimer(r *core.Req, tk storage.Ticket) error {
	if len(tk.Voices) == 0 || !r.Private() {
		return nil
	}
	leaders, err := r.Tx.LeadersOf(tk.Building)
	if err != nil {
		return err
	}
	if containsMember(leaders, r.Me.ID) || (len(leaders) == 0 && r.AtLeast(storage.RoleStaff)) {
		return nil
	}
	return a.sendVoices(r.Tx, r.Me.ID, r.Lang, tk, tk.Voices, storage.PriorityReply, r.Now)
}
