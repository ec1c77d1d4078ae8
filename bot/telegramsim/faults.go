package telegramsim

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Fault is an error answer to inject with FailNext.
type Fault struct {
	// Code is the HTTP status and error_code. 0 means 429 if RetryAfter is
	// set, 400 if MigrateTo is set, and 500 otherwise.
	Code int
	// Description is the error description; empty means Telegram's usual
	// text for the code (e.g. "Too Many Requests: retry after N").
	Description string
	RetryAfter  int   // parameters.retry_after, in seconds
	MigrateTo   int64 // parameters.migrate_to_chat_id
	// Drop hijacks the connection and closes it without answering.
	Drop bool
}

type pendingFault struct {
	method string
	chatID int64
	f      Fault
}

// FailNext makes the next call of method ("" = any method) to chatID (0 = any
// chat, or no chat) fail with f instead of being handled. Faults queue up:
// each matching call consumes the oldest matching fault. Faults apply after
// the spec check, so an invalid call is still reported as such.
func (s *Server) FailNext(method string, chatID int64, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, pendingFault{method: method, chatID: chatID, f: f})
}

// takeFaultLocked removes and answers the first fault matching req.
func (s *Server) takeFaultLocked(req *request) (reply, bool) {
	for i, pf := range s.faults {
		if pf.method != "" && !strings.EqualFold(pf.method, req.m.name) {
			continue
		}
		if pf.chatID != 0 && (!req.hasChat || req.chatID != pf.chatID) {
			continue
		}
		s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		return pf.f.reply(), true
	}
	return reply{}, false
}

func (f Fault) reply() reply {
	if f.Drop {
		return reply{drop: true}
	}
	code := f.Code
	if code == 0 {
		switch {
		case f.RetryAfter > 0:
			code = http.StatusTooManyRequests
		case f.MigrateTo != 0:
			code = http.StatusBadRequest
		default:
			code = http.StatusInternalServerError
		}
	}
	desc := f.Description
	if desc == "" {
		switch code {
		case http.StatusBadRequest:
			desc = "Bad Request"
			if f.MigrateTo != 0 {
				desc = "Bad Request: group chat was upgraded to a supergroup chat"
			}
		case http.StatusTooManyRequests:
			desc = "Too Many Requests: retry after " + strconv.Itoa(max(f.RetryAfter, 1))
		default:
			desc = http.StatusText(code)
		}
	}
	var params *respParams
	if f.RetryAfter > 0 || f.MigrateTo != 0 {
		params = &respParams{RetryAfter: f.RetryAfter, MigrateToChatID: f.MigrateTo}
	}
	return errReply(code, desc, params)
}

// Block makes the user block the bot: every later send to the user's private
// chat is answered 403 "Forbidden: bot was blocked by the user".
func (s *Server) Block(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[userID]
	if c == nil {
		u, ok := s.users[userID]
		if !ok {
			u = models.User{ID: userID}
		}
		c = s.chatLocked(PrivateChat(u))
	}
	c.blocked = true
}

// Migrate upgrades a group: later sends to groupID are answered 400 "Bad
// Request: group chat was upgraded to a supergroup chat" with
// migrate_to_chat_id newID, and newID becomes a known supergroup.
func (s *Server) Migrate(groupID, newID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.chatLocked(models.Chat{ID: groupID, Type: models.ChatTypeGroup})
	old.migratedTo = newID
	info := old.info
	info.ID, info.Type = newID, models.ChatTypeSupergroup
	c := s.chatLocked(info)
	c.known = true
	s.bumpLocked()
}
