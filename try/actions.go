package try

import (
	"errors"
	"strings"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramsim"
)

// user is the persona as Telegram describes them.
func (s *session) user(p persona) models.User {
	return models.User{ID: p.ID, FirstName: p.Name, LanguageCode: p.Lang}
}

// chat is a chat as Telegram describes it.
func (s *session) chat(id int64) models.Chat {
	if g, ok := s.cast.groupOf(id); ok {
		return models.Chat{ID: g.ID, Type: models.ChatTypeSupergroup, Title: g.Title}
	}
	p, _ := s.cast.person(id)
	return telegramsim.PrivateChat(s.user(p))
}

// botMessage finds the bot's message id in a chat.
func (s *session) botMessage(chat int64, id int) (telegramsim.Message, bool) {
	for _, m := range s.tg.Messages(chat) {
		if m.ID == id {
			return m, true
		}
	}
	return telegramsim.Message{}, false
}

// say sends a text as p. In a group the bot, in privacy mode, sees only
// commands and replies to its own messages; anything else stays among the
// people, as in Telegram.
func (s *session) say(p persona, chat int64, text string, replyTo int) error {
	u, c := s.user(p), s.chat(chat)
	to, isBot := s.botMessage(chat, replyTo)
	switch {
	case replyTo != 0 && isBot:
		s.tg.SendReply(u, c, text, to)
	case chat > 0 || strings.HasPrefix(text, "/"):
		s.tg.SendText(u, c, text)
	default:
		last := 0
		for _, m := range s.messages(chat) {
			last = max(last, m.ID)
		}
		s.said.aside(chat, u, text, last)
		s.tg.Meet(u) // wakes the page: nothing reaches the bot
	}
	return nil
}

// press presses an inline button of the bot's message as p.
func (s *session) press(p persona, chat int64, id int, data string) error {
	m, ok := s.botMessage(chat, id)
	if !ok {
		return errors.New("that message is gone")
	}
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Data == data && data != "" {
				s.tg.Press(s.user(p), m, data)
				return nil
			}
		}
	}
	return errors.New("that button is gone")
}
