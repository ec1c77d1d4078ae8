package core

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
)

// Req is one update in hand.
type Req struct {
	a    *Core
	Ctx  context.Context
	Tx   *storage.Tx
	upd  *models.Update
	Now  time.Time
	From *models.User
	Chat models.Chat
	Msg  *models.Message       // the message sent, or the one a button is on
	CB   *models.CallbackQuery // set for button presses
	Me   storage.Member
	Role storage.Role
	Lang string
	Text string // message text or caption, cleaned
	cmd  string // command name without / and @bot, lower case
	Args string // the rest of a command's text

	Answered bool
	audits   []storage.AuditEntry // recorded by a.audit, written when the handler succeeds

	chat *chatRead // the group's row, read once by ChatRow
}

type chatRead struct {
	c   storage.Chat
	err error
}

// ChatRow is the stored row of the chat the update came from, read once
// per update: the permission check and the command share it.
func (r *Req) ChatRow() (storage.Chat, error) {
	if r.chat == nil {
		c, err := r.Tx.Chat(r.Chat.ID)
		r.chat = &chatRead{c, err}
	}
	return r.chat.c, r.chat.err
}

type Handler func(r *Req) error

// Forwarded reports a message passed on from elsewhere: never a command,
// never an answer to a question that asks for a yes.
func (r *Req) Forwarded() bool { return r.Msg != nil && r.CB == nil && r.Msg.ForwardOrigin != nil }

// newReq reads who is speaking and where. It returns nil for updates the
// bot does not act on (from bots, channel posts, …).
func (a *Core) newReq(ctx context.Context, tx *storage.Tx, upd *models.Update) (*Req, error) {
	r := &Req{a: a, Ctx: ctx, Tx: tx, upd: upd, Now: a.now()}
	defer func() {
		if r.From != nil {
			tx.SetTerms(storage.OutTerms{Answering: []int64{r.Chat.ID, r.From.ID}})
		}
	}()
	switch {
	case upd.Message != nil:
		r.Msg = upd.Message
		r.From = upd.Message.From
		r.Chat = upd.Message.Chat
		r.Text = upd.Message.Text
		if r.Text == "" {
			r.Text = upd.Message.Caption
		}
		if upd.Message.ForwardOrigin == nil {
			r.cmd, r.Args = a.ParseCommand(r.Text)
		}
	case upd.CallbackQuery != nil:
		r.CB = upd.CallbackQuery
		r.From = &upd.CallbackQuery.From
		if m := upd.CallbackQuery.Message.Message; m != nil {
			r.Msg = m
			r.Chat = m.Chat
		} else {
			r.Chat = models.Chat{ID: r.From.ID, Type: models.ChatTypePrivate}
		}
	case upd.MyChatMember != nil:
		r.From = &upd.MyChatMember.From
		r.Chat = upd.MyChatMember.Chat
	default:
		return nil, nil
	}
	if r.From == nil || r.From.IsBot {
		return nil, nil
	}
	// A blocked person is ignored entirely: nothing of theirs is stored or
	// answered; a button press gets an empty answer.
	if blocked, err := tx.Blocked(r.From.ID); err != nil || blocked {
		if err == nil && r.CB != nil {
			err = r.Toast("")
		}
		return nil, err
	}
	name := LimitRunes(strings.TrimSpace(CleanLine(r.From.FirstName+" "+r.From.LastName)), 64)
	username := LimitRunes(r.From.Username, 64)
	var err error
	r.Me, err = tx.Member(r.From.ID)
	if err != nil && !IsNotFound(err) {
		return nil, err
	}
	if IsNotFound(err) || r.Me.Name != name || r.Me.Username != username || r.Me.TGLanguage != r.From.LanguageCode || !r.Me.Active {
		if err := tx.TouchMember(r.From.ID, name, username, r.From.LanguageCode, r.Now); err != nil {
			return nil, err
		}
		if r.Me, err = tx.Member(r.From.ID); err != nil {
			return nil, err
		}
	}
	if r.Chat.Type != models.ChatTypePrivate && r.Chat.ID != 0 {
		// The group's row is read once for the update (ChatRow), and written
		// only when it is new or Telegram gives another name or type.
		typ, title := string(r.Chat.Type), LimitRunes(CleanLine(r.Chat.Title), 128)
		c, err := r.ChatRow()
		if err != nil && !IsNotFound(err) {
			return nil, err
		}
		if err != nil || c.Type != typ || c.Title != title {
			if err := tx.TouchChat(r.Chat.ID, typ, title, r.Now); err != nil {
				return nil, err
			}
			r.chat = nil
		}
	}
	r.Role = a.RoleOf(r.Me)
	r.Lang = a.LangOf(r.Me)
	return r, nil
}

// serve wraps a handler: builds the request, applies the flood limit, and
// makes sure every button press is answered.
func (a *Core) serve(h Handler) HandleFunc {
	return func(ctx context.Context, tx *storage.Tx, upd *models.Update) error {
		r, err := a.newReq(ctx, tx, upd)
		if err != nil || r == nil {
			return err
		}
		ok, warn, undo, err := a.allow(r)
		if err != nil {
			return err
		}
		if !ok {
			if r.CB != nil {
				return r.Toast(r.T("error.flood"))
			}
			if warn && r.cmd == "" {
				return r.Reply(r.T("error.flood_messages"), nil)
			}
			if warn {
				return r.Reply(r.T("error.flood"), nil)
			}
			return nil
		}
		for _, before := range a.hooks.Before {
			if err := before(r); err != nil {
				return err
			}
		}
		r.Tx.OnRollback(undo) // the update's transaction is rolled back: so is its count
		if err := h(r); err != nil {
			return err
		}
		if err := r.writeAudit(); err != nil {
			return err
		}
		for _, after := range a.hooks.After {
			if err := after(r); err != nil {
				return err
			}
		}
		if r.CB != nil && !r.Answered {
			return r.Toast("")
		}
		return nil
	}
}

// RoleOf is m's role; configured administrators are admins.
func (a *Core) RoleOf(m storage.Member) storage.Role {
	if a.Admins[m.ID] {
		return storage.RoleAdmin
	}
	if m.Role == "" {
		return storage.RoleResident
	}
	return m.Role
}

// LangOf is the language m reads: chosen, else Telegram's, else the
// community's.
func (a *Core) LangOf(m storage.Member) string {
	return locale.Pick(m.Language, m.TGLanguage, a.Cfg.Community.Language)
}

// Private reports an update from the person's private chat with the bot.
func (r *Req) Private() bool { return r.Chat.Type == models.ChatTypePrivate }

// T is the catalog text key in the person's language.
func (r *Req) T(key string, args ...any) string { return r.a.Cat.T(r.Lang, key, args...) }

// N is t for a count: key.one or key.other, with n as the first argument.
func (r *Req) N(key string, n int, args ...any) string { return r.a.Cat.N(r.Lang, key, n, args...) }

// AtLeast reports whether the person's role is role or above.
func (r *Req) AtLeast(role storage.Role) bool { return r.Role.Rank() >= role.Rank() }

// Reply sends text to the chat the update came from, ahead of bulk sends.
func (r *Req) Reply(text string, markup any) error {
	if !r.Private() && r.Chat.ID < 0 {
		return r.a.groupAnswer(r, text, markup)
	}
	return r.a.Send(r.Tx, r.Chat.ID, text, markup, storage.PriorityReply, r.Now)
}

// Tell sends text to a person in private, ahead of bulk sends.
func (r *Req) Tell(userID int64, text string, markup any) error {
	return r.a.Send(r.Tx, userID, text, markup, storage.PriorityReply, r.Now)
}

// Edit changes the text and buttons of the message the button was on.
func (r *Req) Edit(text string, markup any) error {
	if r.Msg == nil {
		return r.Reply(text, markup)
	}
	p := telegram.EditMessageText{ChatID: r.Chat.ID, MessageID: r.Msg.ID, Text: Fit(text), ParseMode: "HTML",
		ReplyMarkup: markupOrNil(markup), LinkPreviewOptions: &telegram.LinkPreviewOptions{IsDisabled: true}}
	_, err := r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "editMessageText", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply}, r.Now)
	return err
}

// markupOrNil drops a keyboard without a button: Telegram refuses the
// message that carries one.
func markupOrNil(markup any) any {
	if kb, ok := markup.(telegram.Keyboard); ok && len(kb.InlineKeyboard) == 0 {
		return nil
	}
	return markup
}

// Toast answers the button press with a short note (or nothing).
func (r *Req) Toast(text string) error {
	if r.CB == nil || r.Answered {
		return nil
	}
	r.Answered = true
	p := telegram.AnswerCallbackQuery{CallbackQueryID: r.CB.ID, Text: LimitUTF16(text, 200)}
	_, err := r.Tx.Enqueue(storage.OutMsg{Method: "answerCallbackQuery", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply}, r.Now)
	return err
}

// Send queues an HTML message.
func (a *Core) Send(tx *storage.Tx, chatID int64, text string, markup any, prio int, now time.Time) error {
	_, err := a.SendID(tx, chatID, text, markup, prio, "", now)
	return err
}

// Fit cuts a message to Telegram's limit, counting what the reader sees.
func Fit(text string) string { return FitTo(text, telegram.MaxText) }

// FitTo cuts HTML text to at most limit UTF-16 units of visible text, as
// Telegram counts them once the markup is parsed.
func FitTo(text string, limit int) string {
	if VisibleLen(text) <= limit {
		return text
	}
	// Cutting HTML safely: drop markup and escape again.
	plain := html.UnescapeString(StripTags(text))
	return html.EscapeString(LimitUTF16(plain, limit-1)) + "…"
}

// Esc makes user text safe inside an HTML message.
func Esc(s string) string { return html.EscapeString(s) }

// DeepLink is a link that opens the private chat with the bot.
func (a *Core) DeepLink(payload string) string {
	return fmt.Sprintf("https://t.me/%s?start=%s", a.BotName, payload)
}

// IsNotFound reports storage's not-found error.
func IsNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }

// ListJoin joins xs as a list in the person's language.
func (r *Req) ListJoin(xs []string) string { return r.a.ListJoin(r.Lang, xs) }
