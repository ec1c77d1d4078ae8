package core

import (
	"context"
	"courtyard/storage"
	"courtyard/telegram"
	"time"

	"github.com/go-telegram/bot/models"
)

// PersonReq is a request on behalf of member m in their private chat, for
// messages the clock sends them: so that the same rules decide what they
// may be shown.
func (a *Core) PersonReq(ctx context.Context, tx *storage.Tx, now time.Time, m storage.Member) *Req {
	return &Req{a: a, Ctx: ctx, Tx: tx, Now: now, Me: m, Role: a.RoleOf(m), Lang: a.LangOf(m),
		Chat: models.Chat{ID: m.ID, Type: models.ChatTypePrivate}, From: &models.User{ID: m.ID}}
}

// Staff are the staff members and the configured admins the bot knows.
func (a *Core) Staff(tx *storage.Tx) ([]storage.Member, error) {
	people, err := tx.MembersWithRole(storage.RoleStaff)
	if err != nil {
		return nil, err
	}
	for _, id := range a.Cfg.Admins {
		m, err := tx.Member(id)
		if IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if m.Role != storage.RoleStaff {
			people = append(people, m)
		}
	}
	return people, nil
}

// CanDM reports whether the bot can write to a registered resident in
// private: they registered there and did not block it. People who need not
// register (staff, admins, assignees) are checked with reachable.
func CanDM(m storage.Member) bool { return m.Active && m.Registered() }

// TellMember sends a catalog message to one person in their language.
func (a *Core) TellMember(r *Req, id int64, markup any, key string, args ...any) error {
	_, err := a.TellTo(r, id, markup, key, args...)
	return err
}

// TellTo is tellMember reporting whether the person could be reached.
func (a *Core) TellTo(r *Req, id int64, markup any, key string, args ...any) (bool, error) {
	m, err := r.Tx.Member(id)
	if IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if ok, err := a.Reachable(r.Tx, m); err != nil || !ok {
		return false, err
	}
	lang := a.LangOf(m)
	return true, a.Send(r.Tx, m.ID, a.Cat.T(lang, key, Localize(lang, args)...), markup, storage.PriorityReply, r.Now)
}

// SendID queues an HTML message and returns its outbox id.
// ref names what the message belongs to; messages with a ref are kept when
// old ones are pruned.
func (a *Core) SendID(tx *storage.Tx, chatID int64, text string, markup any, prio int, ref string, now time.Time) (int64, error) {
	p := telegram.SendMessage{ChatID: chatID, Text: Fit(text), ParseMode: "HTML", ReplyMarkup: markupOrNil(markup),
		LinkPreviewOptions: &telegram.LinkPreviewOptions{IsDisabled: true}}
	return a.Enqueue(tx, storage.OutMsg{ChatID: chatID, Method: "sendMessage", Payload: telegram.Marshal(p), Priority: prio, Ref: ref}, now)
}

// InLang is a message argument worded in each reader's own language.
type InLang func(lang string) string

// Reachable reports whether the bot can write to m in private: m opened the
// private chat (registering happens there; staff and admins need not
// register) and did not block the bot.
func (a *Core) Reachable(tx *storage.Tx, m storage.Member) (bool, error) {
	if !m.Active {
		return false, nil
	}
	if m.Registered() {
		return true, nil
	}
	return tx.HasOpenedPrivate(m.ID)
}

// LargestPhoto is the file_id of the biggest size of a sent photo, or "".
func LargestPhoto(r *Req) string {
	if r.Msg == nil || len(r.Msg.Photo) == 0 {
		return ""
	}
	return r.Msg.Photo[len(r.Msg.Photo)-1].FileID
}

// SystemReq is a request made by the clock rather than a person.
func (a *Core) SystemReq(ctx context.Context, tx *storage.Tx, now time.Time) *Req {
	return &Req{a: a, Ctx: ctx, Tx: tx, Now: now, Lang: a.Cfg.Community.Language, Role: storage.RoleAdmin}
}

// NameOf is how person id is named to the reader of r: "removed" once
// forgotten, "#id" when unknown.
func (a *Core) NameOf(r *Req, id int64) string {
	m, err := r.Tx.Member(id)
	if err == nil && m.Forgotten {
		return a.RemovedName(r.Lang)
	}
	if err != nil || m.Name == "" {
		return "#" + Itoa(id)
	}
	return m.Name
}

// Localize resolves inLang arguments for a reader of lang.
func Localize(lang string, args []any) []any {
	out := make([]any, len(args))
	for i, v := range args {
		if f, ok := v.(InLang); ok {
			v = f(lang)
		}
		out[i] = v
	}
	return out
}

// VoiceOf is the voice note (or audio recording) a message carries, or nil.
func VoiceOf(r *Req) *storage.Voice {
	switch {
	case r.Msg == nil:
		return nil
	case r.Msg.Voice != nil:
		return &storage.Voice{FileID: r.Msg.Voice.FileID, Seconds: r.Msg.Voice.Duration}
	case r.Msg.Audio != nil:
		return &storage.Voice{FileID: r.Msg.Audio.FileID, Audio: true, Seconds: r.Msg.Audio.Duration}
	}
	return nil
}
