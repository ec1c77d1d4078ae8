package telegramsim

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/go-telegram/bot/models"
)

// sends reports whether a method puts something into a chat. Such calls are
// refused for blocked users, migrated groups and chats the bot left, and are
// subject to the rate limits.
func sends(name string) bool {
	for _, p := range []string{"send", "edit", "pin", "unpin", "copyMessage", "forwardMessage", "stopPoll", "stopMessageLiveLocation"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// dispatchLocked answers a checked call. s.mu is held.
func (s *Server) dispatchLocked(req *request) reply {
	if rep, ok := s.takeFaultLocked(req); ok {
		return rep
	}
	c, rep, stop := s.gateLocked(req)
	if stop {
		return rep
	}
	switch req.m.name {
	case "getMe":
		return okReply(map[string]any{
			"id": BotID, "is_bot": true, "first_name": BotName, "username": BotUsername,
			"can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false,
		})
	case "logOut", "close", "deleteWebhook", "deleteMyCommands":
		return okReply(true)
	case "sendMessage":
		return s.sendMessageLocked(c, req)
	case "sendPhoto", "sendDocument":
		return s.sendFileLocked(c, req)
	case "sendVoice", "sendAudio":
		return s.sendVoiceLocked(c, req)
	case "sendMediaGroup":
		return s.sendMediaGroupLocked(c, req)
	case "sendLocation":
		return s.sendLocationLocked(c, req)
	case "sendPoll":
		return s.sendPollLocked(c, req)
	case "stopPoll":
		return s.stopPollLocked(c, req)
	case "editMessageText":
		return s.editTextLocked(c, req)
	case "editMessageCaption":
		return s.editCaptionLocked(c, req)
	case "editMessageReplyMarkup":
		return s.editMarkupLocked(c, req)
	case "deleteMessage", "deleteMessages":
		return s.deleteLocked(c, req)
	case "pinChatMessage", "unpinChatMessage", "unpinAllChatMessages":
		return s.pinLocked(c, req)
	case "answerCallbackQuery":
		id, _ := strParam(req.vals, "callback_query_id")
		if answered, issued := s.queries[id]; !issued || answered {
			return badRequest("query is too old and response timeout expired or query ID is invalid")
		}
		if text, _ := strParam(req.vals, "text"); utf16Len(text) > maxAnswerLen {
			return badRequest("MESSAGE_TOO_LONG")
		}
		s.queries[id] = true
		return okReply(true)
	case "setMyCommands":
		return setMyCommands(req)
	case "getChat":
		return okReply(models.ChatFullInfo{
			ID: c.info.ID, Type: c.info.Type, Title: c.info.Title, Username: c.info.Username,
			FirstName: c.info.FirstName, LastName: c.info.LastName, MaxReactionCount: 11,
		})
	case "sendChatAction":
		action, _ := strParam(req.vals, "action")
		if !chatActions[action] {
			return badRequest("wrong parameter action in request")
		}
		return okReply(true)
	case "leaveChat":
		if c.info.ID < 0 {
			c.left = true
		}
		return okReply(true)
	case "getFile":
		id, _ := strParam(req.vals, "file_id")
		f := s.files[id]
		if f == nil {
			return badRequest("invalid file_id")
		}
		return okReply(models.File{FileID: f.id, FileUniqueID: f.unique, FileSize: int64(len(f.data)), FilePath: f.path})
	}
	return s.genericLocked(c, req)
}

var chatActions = map[string]bool{
	"typing": true, "upload_photo": true, "record_video": true, "upload_video": true,
	"record_voice": true, "upload_voice": true, "upload_document": true, "choose_sticker": true,
	"find_location": true, "record_video_note": true, "upload_video_note": true,
}

// gateLocked resolves chat_id and refuses calls to chats the bot cannot
// reach. stop reports that rep is the answer.
func (s *Server) gateLocked(req *request) (c *chatState, rep reply, stop bool) {
	if _, given := req.vals["chat_id"]; !given {
		return nil, reply{}, false
	}
	if req.hasChat {
		c = s.chats[req.chatID]
	} else {
		for _, cand := range s.chats {
			if cand.info.Username != "" && "@"+cand.info.Username == req.chatRef {
				c = cand
				break
			}
		}
	}
	if c == nil || !c.known {
		return nil, badRequest("chat not found"), true
	}
	if !sends(req.m.name) {
		return c, reply{}, false
	}
	switch {
	case c.migratedTo != 0:
		return nil, errReply(http.StatusBadRequest, "Bad Request: group chat was upgraded to a supergroup chat",
			&respParams{MigrateToChatID: c.migratedTo}), true
	case c.blocked:
		return nil, errReply(http.StatusForbidden, "Forbidden: bot was blocked by the user", nil), true
	case c.left:
		return nil, errReply(http.StatusForbidden, "Forbidden: bot is not a member of the supergroup chat", nil), true
	}
	if wait := s.rate.take(c.info.ID, s.now()); wait > 0 {
		return nil, tooManyReply(wait), true
	}
	return c, reply{}, false
}

func setMyCommands(req *request) reply {
	cmds, _ := req.vals["commands"].([]any)
	if len(cmds) > 100 {
		return badRequest("BOT_COMMANDS_TOO_MUCH")
	}
	for _, v := range cmds {
		cmd, _ := v.(map[string]any)
		name, _ := cmd["command"].(string)
		desc, _ := cmd["description"].(string)
		if !validCommand(name) {
			return badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf16Len(desc); n < 1 || n > 256 {
			return badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	return okReply(true)
}

// validCommand applies the documented rule: 1-32 characters, lowercase
// English letters, digits and underscores only.
func validCommand(name string) bool {
	if len(name) < 1 || len(name) > 32 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// genericLocked answers any other method of the table after the check:
// methods that create a message in a chat create one (so that a client
// decoding a Message works), edits touch the message, and the rest answer
// true (or an empty array for methods returning arrays).
func (s *Server) genericLocked(c *chatState, req *request) reply {
	name, returns := req.m.name, req.m.returns
	if strings.HasPrefix(name, "edit") || name == "stopMessageLiveLocation" {
		return s.editOtherLocked(c, req)
	}
	if c != nil && len(returns) > 0 {
		switch returns[0] {
		case "Message", "MessageId":
			rec, rep := s.newSentLocked(c, req)
			if rep != nil {
				return *rep
			}
			if caption, ok := strParam(req.vals, "caption"); ok {
				rec.Caption, rec.Plain = caption, caption
			}
			if returns[0] == "MessageId" {
				return okReply(models.MessageID{ID: rec.ID})
			}
			return okReply(s.wire(c, rec))
		case "Array of Message":
			media, _ := req.vals["media"].([]any)
			out := make([]wireMessage, 0, len(media))
			for _, item := range media {
				rec := s.newMessageLocked(c, name)
				if m, ok := item.(map[string]any); ok {
					caption, _ := m["caption"].(string)
					rec.Caption, rec.Plain = caption, caption
				}
				out = append(out, s.wire(c, rec))
			}
			return okReply(out)
		}
	}
	for _, r := range returns {
		if r == "Boolean" || r == "True" {
			return okReply(true)
		}
	}
	if len(returns) > 0 && strings.HasPrefix(returns[0], "Array of ") {
		return okReply([]any{})
	}
	return okReply(true)
}

// storedFile is a file the server can hand out with getFile.
type storedFile struct {
	id, unique, path string
	data             []byte
	kind             string // "photo", "voice", "audio" or "document"
	duration         int    // voice: seconds
}

// storeFileLocked keeps a file and returns its new file_id.
func (s *Server) storeFileLocked(kind, name string, data []byte) *storedFile {
	s.nextFile++
	prefix, dir := "BQACAgIAAxkBAAI", "documents"
	switch kind {
	case "photo":
		prefix, dir = "AgACAgIAAxkBAAI", "photos"
	case "voice":
		prefix, dir = "AwACAgIAAxkBAAI", "voice"
	case "audio":
		prefix, dir = "CQACAgIAAxkBAAI", "music"
	}
	ext := path.Ext(name)
	if ext == "" && kind == "photo" {
		ext = ".jpg"
	}
	if ext == "" && kind == "voice" {
		ext = ".oga"
	}
	if ext == "" && kind == "audio" {
		ext = ".mp3"
	}
	f := &storedFile{
		id:     fmt.Sprintf("%s%08d", prefix, s.nextFile),
		unique: fmt.Sprintf("AQAD%08d", s.nextFile),
		path:   fmt.Sprintf("%s/file_%d%s", dir, s.nextFile, ext),
		data:   data,
		kind:   kind,
	}
	s.files[f.id] = f
	return f
}

// serveFile answers GET /file/bot<token>/<file_path>, the download URL of
// a file found with getFile.
func (s *Server) serveFile(w http.ResponseWriter, rest string) {
	token, p, ok := strings.Cut(rest, "/")
	if !ok || token != Token {
		writeReply(w, errReply(http.StatusUnauthorized, "Unauthorized", nil))
		return
	}
	s.mu.Lock()
	var data []byte
	found := false
	for _, f := range s.files {
		if f.path == p {
			data, found = f.data, true
			break
		}
	}
	s.mu.Unlock()
	if !found {
		writeReply(w, errReply(http.StatusNotFound, "Not Found", nil))
		return
	}
	if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Write(data)
}

// decodeInto converts a checked JSON value into a models type.
func decodeInto(v any, dst any) {
	b, err := json.Marshal(plainValue(v))
	if err == nil {
		json.Unmarshal(b, dst)
	}
}
