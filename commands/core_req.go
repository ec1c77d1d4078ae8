package commands

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

// req is one update in hand.
type req struct {
	a    *App
	ctx  context.Context
	tx   *storage.Tx
	upd  *models.Update
	now  time.Time
	from *models.User
	chat models.Chat
	msg  *models.Message       // the message sent, or the one a button is on
	cb   *models.CallbackQuery // set for button presses
	me   storage.Member
	role storage.Role
	lang string
	text string // message text or caption, cleaned
	cmd  string // command name without / and @bot, lower case
	args string // the rest of a command's text

	answered bool
	audits   []storage.AuditEntry // recorded by a.audit, written when the handler succeeds
}

type handler func(r *req) error

// newReq reads who is speaking and where. It returns nil for updates the
// bot does not act on (from bots, channel posts, …).
func (a *App) newReq(ctx context.Context, tx *storage.Tx, upd *models.Update) (*req, error) {
	r := &req{a: a, ctx: ctx, tx: tx, upd: upd, now: a.now()}
	switch {
	case upd.Message != nil:
		r.msg = upd.Message
		r.from = upd.Message.From
		r.chat = upd.Message.Chat
		r.text = upd.Message.Text
		if r.text == "" {
			r.text = upd.Message.Caption
		}
		r.cmd, r.args = a.parseCommand(r.text)
	case upd.CallbackQuery != nil:
		r.cb = upd.CallbackQuery
		r.from = &upd.CallbackQuery.From
		if m := upd.CallbackQuery.Message.Message; m != nil {
			r.msg = m
			r.chat = m.Chat
		} else {
			r.chat = models.Chat{ID: r.from.ID, Type: models.ChatTypePrivate}
		}
	case upd.MyChatMember != nil:
		r.from = &upd.MyChatMember.From
		r.chat = upd.MyChatMember.Chat
	default:
		return nil, nil
	}
	if r.from == nil || r.from.IsBot {
		return nil, nil
	}
	// A blocked person is ignored entirely: nothing of theirs is stored or
	// answered; a button press gets an empty answer.
	if blocked, err := tx.Blocked(r.from.ID); err != nil || blocked {
		if err == nil && r.cb != nil {
			err = r.toast("")
		}
		return nil, err
	}
	name := limitRunes(strings.TrimSpace(cleanLine(r.from.FirstName+" "+r.from.LastName)), 64)
	username := limitRunes(r.from.Username, 64)
	var err error
	r.me, err = tx.Member(r.from.ID)
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	if isNotFound(err) || r.me.Name != name || r.me.Username != username || r.me.TGLanguage != r.from.LanguageCode || !r.me.Active {
		if err := tx.TouchMember(r.from.ID, name, username, r.from.LanguageCode, r.now); err != nil {
			return nil, err
		}
		if r.me, err = tx.Member(r.from.ID); err != nil {
			return nil, err
		}
	}
	if r.chat.Type != models.ChatTypePrivate && r.chat.ID != 0 {
		if err := tx.TouchChat(r.chat.ID, string(r.chat.Type), limitRunes(cleanLine(r.chat.Title), 128), r.now); err != nil {
			return nil, err
		}
	}
	r.role = a.roleOf(r.me)
	r.lang = a.langOf(r.me)
	return r, nil
}

// serve wraps a handler: builds the request, applies the flood limit, and
// makes sure every button press is answered.
func (a *App) serve(h handler) HandleFunc {
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
			if r.cb != nil {
				return r.toast(r.t("error.flood"))
			}
			if warn && r.cmd == "" {
				return r.reply(r.t("error.flood_messages"), nil)
			}
			if warn {
				return r.reply(r.t("error.flood"), nil)
			}
			return nil
		}
		if err := a.openedPrivate(r); err != nil {
			return err
		}
		r.tx.OnRollback(undo) // the update's transaction is rolled back: so is its count
		if err := h(r); err != nil {
			return err
		}
		if err := r.writeAudit(); err != nil {
			return err
		}
		if err := a.tellUnreached(r); err != nil {
			return err
		}
		if err := a.syncOwnMenu(r); err != nil {
			return err
		}
		if r.cb != nil && !r.answered {
			return r.toast("")
		}
		return nil
	}
}

func (a *App) roleOf(m storage.Member) storage.Role {
	if a.admins[m.ID] {
		return storage.RoleAdmin
	}
	if m.Role == "" {
		return storage.RoleResident
	}
	return m.Role
}

func (a *App) langOf(m storage.Member) string {
	return locale.Pick(m.Language, m.TGLanguage, a.cfg.Community.Language)
}

func (r *req) private() bool { return r.chat.Type == models.ChatTypePrivate }

func (r *req) t(key string, args ...any) string { return r.a.cat.T(r.lang, key, args...) }

// n is t for a count: key.one or key.other, with n as the first argument.
func (r *req) n(key string, n int, args ...any) string { return r.a.cat.N(r.lang, key, n, args...) }

func (r *req) atLeast(role storage.Role) bool { return r.role.Rank() >= role.Rank() }

// reply sends text to the chat the update came from, ahead of bulk sends.
func (r *req) reply(text string, markup any) error {
	if !r.private() && r.chat.ID < 0 {
		return r.a.groupAnswer(r, text, markup)
	}
	return r.a.send(r.tx, r.chat.ID, text, markup, storage.PriorityReply, r.now)
}

// tell sends text to a person in private, ahead of bulk sends.
func (r *req) tell(userID int64, text string, markup any) error {
	return r.a.send(r.tx, userID, text, markup, storage.PriorityReply, r.now)
}

// edit changes the text and buttons of the message the button was on.
func (r *req) edit(text string, markup any) error {
	if r.msg == nil {
		return r.reply(text, markup)
	}
	p := telegram.EditMessageText{ChatID: r.chat.ID, MessageID: r.msg.ID, Text: fit(text), ParseMode: "HTML",
		ReplyMarkup: markupOrNil(markup), LinkPreviewOptions: &telegram.LinkPreviewOptions{IsDisabled: true}}
	_, err := r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "editMessageText", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply}, r.now)
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

// toast answers the button press with a short note (or nothing).
func (r *req) toast(text string) error {
	if r.cb == nil || r.answered {
		return nil
	}
	r.answered = true
	p := telegram.AnswerCallbackQuery{CallbackQueryID: r.cb.ID, Text: limitUTF16(text, 200)}
	_, err := r.tx.Enqueue(storage.OutMsg{Method: "answerCallbackQuery", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply}, r.now)
	return err
}

// send queues an HTML message.
func (a *App) send(tx *storage.Tx, chatID int64, text string, markup any, prio int, now time.Time) error {
	_, err := a.sendID(tx, chatID, text, markup, prio, "", now)
	return err
}

// fit cuts a message to Telegram's limit, counting what the reader sees.
func fit(text string) string { return fitTo(text, telegram.MaxText) }

// fitTo cuts HTML text to at most limit UTF-16 units of visible text, as
// Telegram counts them once the markup is parsed.
func fitTo(text string, limit int) string {
	if visibleLen(text) <= limit {
		return text
	}
	// Cutting HTML safely: drop markup and escape again.
	plain := html.UnescapeString(stripTags(text))
	return html.EscapeString(limitUTF16(plain, limit-1)) + "…"
}

// esc makes user text safe inside an HTML message.
func esc(s string) string { return html.EscapeString(s) }

// deepLink is a link that opens the private chat with the bot.
func (a *App) deepLink(payload string) string {
	return fmt.Sprintf("https://t.me/%s?start=%s", a.botName, payload)
}

func isNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
