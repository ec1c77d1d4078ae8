package agenda

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// secretBytes is the size of a feed secret: 256 random bits.
const secretBytes = 32

// FeedPath is where the feeds are served: FeedPath + secret + ".ics".
const FeedPath = "/calendar/"

// feedBase is the address the feeds are reached at, or "" when the bot
// serves no HTTP.
func (a *Agenda) feedBase() string {
	if a.Cfg.HTTP.Listen == "" {
		return ""
	}
	if a.Cfg.HTTP.PublicURL != "" {
		return strings.TrimRight(a.Cfg.HTTP.PublicURL, "/")
	}
	return "http://" + a.Cfg.HTTP.Listen
}

// linkCmd gives the caller a calendar link, or, when they have one,
// offers to revoke it or make a new one.
func (a *Agenda) linkCmd(r *core.Req) error {
	if !r.Me.Registered() {
		return r.Reply(r.T("mine.register_first"), nil)
	}
	if a.feedBase() == "" {
		return r.Reply(r.T("mine.link_off"), nil)
	}
	has, err := r.Tx.HasCalendarLink(r.Me.ID)
	if err != nil {
		return err
	}
	if has {
		return r.Reply(r.T("mine.link_have"), telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.T("mine.button.revoke"), CallbackData: "mine:rv"},
			{Text: r.T("mine.button.new"), CallbackData: "mine:new"},
		}}})
	}
	text, err := a.newLink(r)
	if err != nil {
		return err
	}
	return r.Reply(text, nil)
}

// newLink stores a new secret for the caller (the old one stops working)
// and is the message that shows its address, once.
func (a *Agenda) newLink(r *core.Req) (string, error) {
	buf := make([]byte, secretBytes)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("agenda: a feed secret: %w", err)
	}
	secret := base64.RawURLEncoding.EncodeToString(buf)
	if err := r.Tx.SetCalendarLink(r.Me.ID, hashSecret(secret), r.Now); err != nil {
		return "", err
	}
	return r.T("mine.link", a.feedBase()+FeedPath+secret+".ics"), nil
}

// mineButton routes the "mine:" buttons.
func (a *Agenda) mineButton(r *core.Req) error {
	switch core.ButtonVerb("mine:", r.CB.Data) {
	case "ics":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.sendICS(r)
	case "link":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.linkCmd(r)
	case "rv":
		ok, err := r.Tx.RevokeCalendarLink(r.Me.ID)
		if err != nil {
			return err
		}
		if !ok {
			return r.Edit(r.T("mine.link_none"), nil)
		}
		return r.Edit(r.T("mine.link_revoked"), nil)
	case "new":
		if a.feedBase() == "" {
			return r.Edit(r.T("mine.link_off"), nil)
		}
		if !r.Me.Registered() {
			return r.Toast(r.T("mine.register_first"))
		}
		text, err := a.newLink(r)
		if err != nil {
			return err
		}
		return r.Edit(text, nil)
	}
	return r.Toast(r.T("error.stale_button"))
}

// hashSecret is what is stored of a secret.
func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// validSecret reports whether s has the shape of a secret.
func validSecret(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(secretBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// Feed is the calendar of the person whose feed secret is secret, built
// now from the database; false when no one's is.
func (a *Agenda) Feed(tx *storage.Tx, secret string, now time.Time) ([]byte, bool, error) {
	if !validSecret(secret) {
		return nil, false, nil
	}
	hash := hashSecret(secret)
	member, stored, err := tx.CalendarLinkMember(hash)
	if core.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if subtle.ConstantTimeCompare(hash, stored) != 1 {
		return nil, false, nil
	}
	m, err := tx.Member(member)
	if core.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	items, err := a.Items(tx, member, now)
	if err != nil {
		return nil, false, err
	}
	lang := a.LangOf(m)
	return a.Calendar(lang, a.calendarName(lang), items, now), true, nil
}
