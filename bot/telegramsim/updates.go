package telegramsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/go-telegram/bot/models"
)

// queuedUpdate is an update waiting for confirmation, already encoded.
type queuedUpdate struct {
	id  int64
	raw json.RawMessage
}

// AddUpdate queues a raw update and returns its update_id, which it assigns.
// The chats and senders it mentions become known to the server. Message ids
// in it are taken as given.
func (s *Server) AddUpdate(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enqueueLocked(&u)
}

func (s *Server) enqueueLocked(u *models.Update) int64 {
	u.ID = s.nextUpdate
	s.nextUpdate++
	s.registerLocked(u)
	raw, err := json.Marshal(u)
	if err != nil {
		s.errorf("update %d cannot be encoded: %v", u.ID, err)
		return u.ID
	}
	s.queue = append(s.queue, queuedUpdate{id: u.ID, raw: raw})
	if s.hook != nil {
		s.hook(*u)
	}
	close(s.updReady)
	s.updReady = make(chan struct{})
	s.bumpLocked()
	return u.ID
}

// registerLocked makes the chats and users of an update known.
func (s *Server) registerLocked(u *models.Update) {
	for _, m := range []*models.Message{u.Message, u.EditedMessage, u.ChannelPost, u.EditedChannelPost, u.BusinessMessage, u.EditedBusinessMessage} {
		if m == nil {
			continue
		}
		c := s.seenChatLocked(m.Chat)
		if m.ID >= c.nextID {
			c.nextID = m.ID + 1
		}
		if m.From != nil {
			s.seenUserLocked(*m.From)
		}
	}
	if q := u.CallbackQuery; q != nil {
		s.seenUserLocked(q.From)
		if m := q.Message.Message; m != nil {
			s.seenChatLocked(m.Chat)
		} else if m := q.Message.InaccessibleMessage; m != nil {
			s.seenChatLocked(m.Chat)
		}
	}
	if q := u.InlineQuery; q != nil && q.From != nil {
		s.seenUserLocked(*q.From)
	}
	for _, cm := range []*models.ChatMemberUpdated{u.MyChatMember, u.ChatMember} {
		if cm != nil {
			s.seenChatLocked(cm.Chat)
			s.seenUserLocked(cm.From)
		}
	}
	if r := u.ChatJoinRequest; r != nil {
		s.seenChatLocked(r.Chat)
		s.seenUserLocked(r.From)
	}
}

func (s *Server) seenChatLocked(chat models.Chat) *chatState {
	c := s.chatLocked(chat)
	c.known = true
	if c.info.Type == "" {
		c.info = chat
	}
	return c
}

// seenUserLocked records that a user sent an update: the bot may now write
// to the user's private chat.
func (s *Server) seenUserLocked(u models.User) {
	if u.ID == 0 || u.IsBot {
		return
	}
	s.users[u.ID] = u
	s.chatLocked(PrivateChat(u)).known = true
}

// userMessageLocked starts a message from a user with the chat's next id.
func (s *Server) userMessageLocked(from models.User, chat models.Chat) *models.Message {
	s.seenUserLocked(from)
	c := s.seenChatLocked(chat)
	id := c.nextID
	c.nextID++
	f := from
	return &models.Message{ID: id, From: &f, Chat: c.info, Date: int(time.Now().Unix())}
}

// SendText queues a text message from a user. A text starting with "/" gets a
// bot_command entity over its first word (including any @botname), with
// offsets in UTF-16 units like Telegram. It returns the update_id.
func (s *Server) SendText(from models.User, chat models.Chat, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(from, chat)
	setText(m, text)
	return s.enqueueLocked(&models.Update{Message: m})
}

func setText(m *models.Message, text string) {
	m.Text = text
	if strings.HasPrefix(text, "/") {
		word := text
		if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
			word = text[:i]
		}
		m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: utf16Len(word)}}
	}
}

// SendReply queues a text message from a user that replies to a message of
// the bot. It returns the update_id.
func (s *Server) SendReply(from models.User, chat models.Chat, text string, to Message) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(from, chat)
	setText(m, text)
	if c := s.chats[to.ChatID]; c != nil && c.bot(to.ID) != nil {
		orig := s.api(c, c.bot(to.ID))
		orig.ReplyToMessage = nil
		m.ReplyToMessage = &orig
	} else {
		from := BotUser()
		m.ReplyToMessage = &models.Message{ID: to.ID, From: &from, Chat: m.Chat, Date: int(to.Date.Unix()), Text: to.Plain}
	}
	return s.enqueueLocked(&models.Update{Message: m})
}

// SendPhoto queues a photo message from a user, with three photo sizes that
// have fresh file_ids (downloadable through getFile). It returns the update_id.
func (s *Server) SendPhoto(from models.User, chat models.Chat, caption string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(from, chat)
	m.Caption = caption
	for _, side := range []int{90, 320, 1280} {
		data := []byte(fmt.Sprintf("\xff\xd8\xff\xe0telegramsim photo %d %dx%d\xff\xd9", s.nextFile+1, side, side))
		f := s.storeFileLocked("photo", "", data)
		m.Photo = append(m.Photo, models.PhotoSize{FileID: f.id, FileUniqueID: f.unique, Width: side, Height: side, FileSize: len(data)})
	}
	return s.enqueueLocked(&models.Update{Message: m})
}

// SendVoice queues a voice note of the given length in seconds from a user,
// with a fresh file_id (downloadable through getFile). It returns the update_id.
func (s *Server) SendVoice(from models.User, chat models.Chat, seconds int, caption string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(from, chat)
	m.Caption = caption
	data := []byte(fmt.Sprintf("OggS telegramsim voice %d %ds", s.nextFile+1, seconds))
	f := s.storeFileLocked("voice", "", data)
	f.duration = seconds
	m.Voice = &models.Voice{FileID: f.id, FileUniqueID: f.unique, Duration: seconds, MimeType: "audio/ogg", FileSize: int64(len(data))}
	return s.enqueueLocked(&models.Update{Message: m})
}

// SendAudio queues an audio file (a recording sent as music) of the given
// length in seconds from a user. It returns the update_id.
func (s *Server) SendAudio(from models.User, chat models.Chat, seconds int, caption string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(from, chat)
	m.Caption = caption
	data := []byte(fmt.Sprintf("ID3 telegramsim audio %d %ds", s.nextFile+1, seconds))
	f := s.storeFileLocked("audio", "recording.mp3", data)
	f.duration = seconds
	m.Audio = &models.Audio{FileID: f.id, FileUniqueID: f.unique, Duration: seconds, FileName: "recording.mp3", MimeType: "audio/mpeg", FileSize: int64(len(data))}
	return s.enqueueLocked(&models.Update{Message: m})
}

// SendLocation queues a location message from a user. It returns the update_id.
func (s *Server) SendLocation(from models.User, chat models.Chat, lat, lon float64) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(from, chat)
	m.Location = &models.Location{Latitude: lat, Longitude: lon}
	return s.enqueueLocked(&models.Update{Message: m})
}

// Press queues a callback query: the user pressed the inline button with
// callback data data on a message the bot sent. The message is taken in its
// current state. If the bot has no such message or the message has no such
// button, Press reports the problem to the violation hook and returns 0; use
// PressRaw to forge presses. It returns the update_id.
func (s *Server) Press(from models.User, msg Message, data string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[msg.ChatID]
	var r *msgRec
	if c != nil {
		r = c.bot(msg.ID)
	}
	if r == nil {
		s.errorf("Press: the bot has no message %d in chat %d", msg.ID, msg.ChatID)
		return 0
	}
	for _, row := range r.Buttons {
		for _, b := range row {
			if b.Data == data && data != "" {
				return s.pressLocked(from, c, msg.ID, data)
			}
		}
	}
	s.errorf("Press: message %d in chat %d has no button with callback data %q (buttons: %v)", msg.ID, msg.ChatID, data, r.Buttons)
	return 0
}

// PressRaw queues a forged callback query on any message id with any data.
// If the bot has no such message, the query carries an inaccessible message.
// It returns the update_id.
func (s *Server) PressRaw(from models.User, chat models.Chat, messageID int, data string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pressLocked(from, s.seenChatLocked(chat), messageID, data)
}

func (s *Server) pressLocked(from models.User, c *chatState, messageID int, data string) int64 {
	s.seenUserLocked(from)
	s.nextQuery++
	id := strconv.FormatInt(4_000_000_000_000_000_000+s.nextQuery, 10)
	s.queries[id] = false
	var mim models.MaybeInaccessibleMessage
	if r := c.bot(messageID); r != nil {
		m := s.api(c, r)
		mim = models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &m}
	} else {
		mim = models.MaybeInaccessibleMessage{
			Type:                models.MaybeInaccessibleMessageTypeInaccessibleMessage,
			InaccessibleMessage: &models.InaccessibleMessage{Chat: c.info, MessageID: messageID},
		}
	}
	q := &models.CallbackQuery{
		ID: id, From: from, Message: mim, Data: data,
		ChatInstance: strconv.FormatInt(c.info.ID*31+1_000_003, 10),
	}
	return s.enqueueLocked(&models.Update{CallbackQuery: q})
}

// Pending is the number of queued updates the bot has not confirmed yet.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Confirmed is the highest offset the bot has passed to getUpdates: every
// update with an update_id below it is confirmed and gone.
func (s *Server) Confirmed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// confirmLocked forgets the updates an offset confirms.
func (s *Server) confirmLocked(offset int64) {
	q := s.queue
	switch {
	case offset > 0:
		k := 0
		for k < len(q) && q[k].id < offset {
			k++
		}
		q = q[k:]
		s.confirmed = max(s.confirmed, offset)
	case offset < 0 && int(-offset) < len(q):
		q = q[len(q)-int(-offset):]
		s.confirmed = max(s.confirmed, q[0].id)
	}
	if len(q) == 0 {
		q = nil
	}
	if len(q) != len(s.queue) {
		s.queue = q
		s.bumpLocked()
	}
}

const conflictDesc = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"

// serveUpdates answers getUpdates, holding the request open for up to
// timeout seconds until an update is available.
func (s *Server) serveUpdates(w http.ResponseWriter, r *http.Request, req *request) {
	offset, hasOffset := intParam(req.vals, "offset")
	limit := int64(100)
	if l, ok := intParam(req.vals, "limit"); ok {
		limit = min(max(l, 1), 100)
	}
	timeout, _ := intParam(req.vals, "timeout")
	params := plainValue(req.vals).(map[string]any)

	s.mu.Lock()
	if rep, ok := s.takeFaultLocked(req); ok {
		s.recordLocked(req.m.name, params, req.at, rep.status)
		s.mu.Unlock()
		writeReply(w, rep)
		return
	}
	s.pollGen++
	gen := s.pollGen
	close(s.updReady) // a newer poll terminates an older one
	s.updReady = make(chan struct{})
	s.bumpLocked()
	if hasOffset {
		s.confirmLocked(offset)
	}
	var expire <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		expire = t.C
	}
	expired := timeout <= 0
	var rep reply
	for {
		closed := false
		select {
		case <-s.done:
			closed = true
		default:
		}
		if s.pollGen != gen {
			rep = errReply(http.StatusConflict, conflictDesc, nil)
			break
		}
		if n := min(int(limit), len(s.queue)); n > 0 || expired || closed {
			rep = updatesReply(s.queue[:n])
			break
		}
		ready := s.updReady
		s.mu.Unlock()
		select {
		case <-ready:
		case <-expire:
			expired = true
		case <-s.done:
		case <-r.Context().Done():
			s.mu.Lock()
			s.recordLocked(req.m.name, params, req.at, 0)
			s.mu.Unlock()
			return
		}
		s.mu.Lock()
	}
	s.recordLocked(req.m.name, params, req.at, rep.status)
	s.mu.Unlock()
	writeReply(w, rep)
}

func updatesReply(batch []queuedUpdate) reply {
	size := 32
	for _, u := range batch {
		size += len(u.raw) + 1
	}
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(`{"ok":true,"result":[`)
	for i, u := range batch {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(u.raw)
	}
	b.WriteString("]}")
	return reply{status: http.StatusOK, body: b.Bytes()}
}
