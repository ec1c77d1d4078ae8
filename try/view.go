package try

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"sort"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramsim"
	"courtyard/storage"
)

// chatInfo is a chat as the chat list shows it.
type chatInfo struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Group bool   `json:"group"`
	Last  int64  `json:"last"` // arrival order of its latest message, for unread dots
}

// msgView is one message as the page draws it.
type msgView struct {
	ID         int              `json:"id"`
	Bot        bool             `json:"bot"`
	FromID     int64            `json:"fromId,omitempty"`
	FromName   string           `json:"fromName,omitempty"`
	HTML       string           `json:"html"`
	Photo      string           `json:"photo,omitempty"`
	Document   *docView         `json:"document,omitempty"`
	Location   *models.Location `json:"location,omitempty"`
	Buttons    [][]btnView      `json:"buttons,omitempty"`
	ForceReply bool             `json:"forceReply,omitempty"`
	Pinned     bool             `json:"pinned,omitempty"`
	Edited     bool             `json:"edited,omitempty"`
	ReplyTo    int              `json:"replyTo,omitempty"`
	Unseen     bool             `json:"unseen,omitempty"` // a group message the bot does not see
	Time       time.Time        `json:"time"`
}

type docView struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type btnView struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// now is the persona as the bot knows them now: a newcomer who registered
// has a building, a resident given a role has it.
func (s *session) now(p persona) persona {
	var m storage.Member
	err := s.store.View(context.Background(), func(tx *storage.Tx) error {
		var err error
		m, err = tx.Member(p.ID)
		return err
	})
	if err != nil || !m.Registered() {
		return p
	}
	p.Newcomer, p.Building, p.Unit, p.Leads = false, m.Building, m.Unit, m.Leads
	if p.Role != storage.RoleAdmin {
		p.Role = m.Role
	}
	return p
}

// chatsOf lists the chats a persona is in: the private chat with the bot
// first, then the groups.
func (s *session) chatsOf(p persona) []chatInfo {
	p = s.now(p)
	out := []chatInfo{{ID: p.ID, Title: telegramsim.BotName}}
	for _, g := range s.cast.Groups {
		if g.in(p) {
			out = append(out, chatInfo{ID: g.ID, Title: g.Title, Group: true})
		}
	}
	return out
}

// mayRead reports whether persona p sees chat id.
func (s *session) mayRead(p persona, chat int64) bool {
	for _, c := range s.chatsOf(p) {
		if c.ID == chat {
			return true
		}
	}
	return false
}

// messages returns a chat's messages, the bot's and the people's, in order.
func (s *session) messages(chat int64) []msgView {
	type keyed struct {
		id  int
		seq int64
		v   msgView
	}
	var all []keyed
	for _, m := range s.tg.Messages(chat) {
		all = append(all, keyed{m.ID, 0, s.botView(chat, m)})
	}
	for _, m := range s.said.in(chat) {
		v := msgView{ID: m.ID, FromID: m.From.ID, FromName: m.From.FirstName, HTML: html.EscapeString(m.Text),
			Location: m.Location, ReplyTo: m.ReplyTo, Unseen: m.ID == 0, Time: s.clock.At(m.Date)}
		if m.Photo != "" {
			v.Photo = fileURL(chat, m.ID, "photo")
		}
		if m.ID == 0 {
			all = append(all, keyed{m.After, m.Seq, v})
		} else {
			all = append(all, keyed{m.ID, 0, v})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].id != all[j].id {
			return all[i].id < all[j].id
		}
		return all[i].seq < all[j].seq
	})
	out := make([]msgView, len(all))
	for i, k := range all {
		out[i] = k.v
	}
	return out
}

func (s *session) botView(chat int64, m telegramsim.Message) msgView {
	v := msgView{ID: m.ID, Bot: true, FromName: telegramsim.BotName, HTML: render(m.Plain, s.tg.Entities(chat, m.ID)),
		Location: m.Location, ForceReply: m.ForceReply, Pinned: m.Pinned, Edited: m.Edits > 0, ReplyTo: m.ReplyTo,
		Time: s.clock.At(m.Date)}
	if m.Photo != "" {
		v.Photo = fileURL(chat, m.ID, "photo")
	}
	if m.Document != "" {
		name := m.DocumentName
		if name == "" {
			name = "file"
		}
		v.Document = &docView{Name: name, URL: fileURL(chat, m.ID, "document")}
	}
	for _, row := range m.Buttons {
		var r []btnView
		for _, b := range row {
			r = append(r, btnView{Text: b.Text, Data: b.Data, URL: b.URL})
		}
		v.Buttons = append(v.Buttons, r)
	}
	return v
}

func fileURL(chat int64, msg int, kind string) string {
	q := url.Values{"chat": {fmt.Sprint(chat)}, "msg": {fmt.Sprint(msg)}, "kind": {kind}}
	return "api/file?" + q.Encode()
}

// file returns the content and name of a photo or document in a chat.
func (s *session) file(chat int64, msg int, kind string) ([]byte, string, bool) {
	if id, ok := s.said.photo(chat, msg); ok && kind == "photo" {
		data, ok := s.tg.File(id)
		return data, "photo.jpg", ok
	}
	for _, m := range s.tg.Messages(chat) {
		if m.ID != msg {
			continue
		}
		switch {
		case kind == "photo" && m.Photo != "":
			data, ok := s.tg.File(m.Photo)
			return data, "photo.jpg", ok
		case kind == "document" && m.DocumentData != nil:
			return m.DocumentData, m.DocumentName, true
		case kind == "document" && m.Document != "":
			data, ok := s.tg.File(m.Document)
			return data, m.DocumentName, ok
		}
	}
	return nil, "", false
}
