package telegramsim

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// Message is a message the bot sent, in its current state (after edits).
type Message struct {
	ChatID       int64
	ID           int
	Text         string           // text as sent (raw, before parsing)
	Plain        string           // Text after HTML parsing (tags stripped, entities decoded); for media, the caption's
	ParseMode    string           // parse_mode of the last send or edit
	Caption      string           // caption as sent (raw)
	Buttons      [][]Button       // inline keyboard
	Keyboard     [][]string       // reply keyboard button texts (reply_markup with "keyboard")
	ForceReply   bool             // reply_markup was ForceReply
	Photo        string           // sendPhoto: the file_id or URL sent, or the new file_id of an upload
	Document     string           // sendDocument: the file_id or URL sent, or the new file_id of an upload
	Voice        string           // sendVoice: the file_id or URL sent, or the new file_id of an upload
	Audio        string           // sendAudio: the file_id or URL sent, or the new file_id of an upload
	MediaGroupID string           // sendMediaGroup: the album's id, shared by its messages
	Location     *models.Location // sendLocation: the point sent (do not modify)
	DocumentName string           // file name of an uploaded document
	DocumentData []byte           // content of an uploaded document (do not modify)
	PhotoName    string           // file name of an uploaded photo
	PhotoData    []byte           // content of an uploaded photo (do not modify)
	Edits        int              // successful edit* calls on this message
	Pinned       bool
	ReplyTo      int // reply_parameters.message_id, 0 if none
	Date         time.Time
	Method       string // the method that created it, e.g. "sendMessage"
	Poll         *Poll  // sendPoll: the poll (do not modify)
}

// Button is one inline keyboard button.
type Button struct {
	Text, Data, URL string // Data is callback_data
}

// Call is one request the bot made.
type Call struct {
	Method string
	// Params are the parameters as encoding/json would decode them (numbers
	// as float64, objects as map[string]any), whatever the request encoding;
	// uploaded files are Upload values. Do not modify.
	Params map[string]any
	Status int // HTTP status answered; 0 if the connection was dropped or the client went away
	At     time.Time
}

// chatState is everything the server knows about one chat.
type chatState struct {
	info       models.Chat
	known      bool // the bot may send to it
	nextID     int  // next message id in this chat
	msgs       []*msgRec
	byID       map[int]*msgRec
	deleted    map[int]bool
	pinned     []int // pinned message ids, oldest first
	blocked    bool
	migratedTo int64
	left       bool
	log        []*msgRec // every bot message each time it is created or changed
}

// touch logs a change to a bot message, for AwaitMessage.
func (c *chatState) touch(r *msgRec) { c.log = append(c.log, r) }

// msgRec is a bot message with what is needed to answer like Telegram.
type msgRec struct {
	Message
	entities        []models.MessageEntity
	captionEntities []models.MessageEntity
	markupKey       string // canonical JSON of the inline keyboard markup, "" if none
	photo           []models.PhotoSize
	document        *models.Document
	voice           *models.Voice
	audio           *models.Audio
	replyTo         *models.Message
	edited          time.Time
	deleted         bool
}

// User registers a user and returns it. The user's private chat has the same
// id; the bot can send to it once the user has sent an update.
func (s *Server) User(id int64, firstName string, lang string) models.User {
	u := models.User{ID: id, FirstName: firstName, LanguageCode: lang}
	s.mu.Lock()
	s.users[id] = u
	c := s.chatLocked(PrivateChat(u))
	c.info = PrivateChat(u)
	s.mu.Unlock()
	return u
}

// Group registers a supergroup with a negative id; the bot can send to it.
func (s *Server) Group(id int64, title string) models.Chat {
	if id >= 0 {
		s.errorf("Group(%d): group ids must be negative", id)
		id = -id
	}
	chat := models.Chat{ID: id, Type: models.ChatTypeSupergroup, Title: title}
	s.mu.Lock()
	c := s.chatLocked(chat)
	c.info = chat
	c.known = true
	s.bumpLocked()
	s.mu.Unlock()
	return chat
}

// PrivateChat is the private chat between the bot and u.
func PrivateChat(u models.User) models.Chat {
	return models.Chat{ID: u.ID, Type: models.ChatTypePrivate, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username}
}

// chatLocked returns the state of a chat, creating it (unknown) if needed.
func (s *Server) chatLocked(info models.Chat) *chatState {
	c := s.chats[info.ID]
	if c == nil {
		c = &chatState{info: info, nextID: 1, byID: make(map[int]*msgRec), deleted: make(map[int]bool)}
		s.chats[info.ID] = c
	}
	return c
}

// exists reports whether message id exists (sent by anyone) in the chat.
func (c *chatState) exists(id int) bool {
	return id > 0 && id < c.nextID && !c.deleted[id]
}

// bot returns the bot message with the id, or nil.
func (c *chatState) bot(id int) *msgRec {
	r := c.byID[id]
	if r == nil || r.deleted {
		return nil
	}
	return r
}

// view copies a message for the side that plays the users.
func (r *msgRec) view() Message {
	m := r.Message
	if m.Buttons != nil {
		m.Buttons = make([][]Button, len(r.Buttons))
		for i, row := range r.Buttons {
			m.Buttons[i] = append([]Button(nil), row...)
		}
	}
	if m.Keyboard != nil {
		m.Keyboard = make([][]string, len(r.Keyboard))
		for i, row := range r.Keyboard {
			m.Keyboard[i] = append([]string(nil), row...)
		}
	}
	if r.Poll != nil {
		p := *r.Poll
		p.Options = append([]string(nil), p.Options...)
		m.Poll = &p
	}
	return m
}

// api renders a bot message as the Bot API Message object, for updates.
func (s *Server) api(c *chatState, r *msgRec) models.Message {
	w := s.wire(c, r)
	m := models.Message{
		ID: w.ID, From: w.From, Chat: w.Chat, Date: w.Date, EditDate: w.EditDate,
		ReplyToMessage: w.ReplyTo, Text: w.Text, Entities: w.Entities, Caption: w.Caption,
		CaptionEntities: w.CaptionEntities, Photo: w.Photo, Document: w.Document,
		Voice: w.Voice, Audio: w.Audio,
	}
	if r.markupKey != "" {
		m.ReplyMarkup = &models.InlineKeyboardMarkup{}
		json.Unmarshal([]byte(r.markupKey), m.ReplyMarkup)
	}
	return m
}

// wireMessage is the Message object in answers to the bot: the fields this
// server fills, which encodes much faster than models.Message.
type wireMessage struct {
	ID              int                    `json:"message_id"`
	From            *models.User           `json:"from,omitempty"`
	Date            int                    `json:"date"`
	Chat            models.Chat            `json:"chat"`
	ReplyTo         *models.Message        `json:"reply_to_message,omitempty"`
	EditDate        int                    `json:"edit_date,omitempty"`
	Text            string                 `json:"text,omitempty"`
	Entities        []models.MessageEntity `json:"entities,omitempty"`
	Document        *models.Document       `json:"document,omitempty"`
	Photo           []models.PhotoSize     `json:"photo,omitempty"`
	Voice           *models.Voice          `json:"voice,omitempty"`
	Audio           *models.Audio          `json:"audio,omitempty"`
	MediaGroupID    string                 `json:"media_group_id,omitempty"`
	Location        *models.Location       `json:"location,omitempty"`
	Caption         string                 `json:"caption,omitempty"`
	CaptionEntities []models.MessageEntity `json:"caption_entities,omitempty"`
	ReplyMarkup     json.RawMessage        `json:"reply_markup,omitempty"`
}

var botUser = BotUser()

func (s *Server) wire(c *chatState, r *msgRec) wireMessage {
	m := wireMessage{
		ID:              r.ID,
		From:            &botUser,
		Chat:            c.info,
		Date:            int(r.Date.Unix()),
		ReplyTo:         r.replyTo,
		Entities:        r.entities,
		CaptionEntities: r.captionEntities,
		Photo:           r.photo,
		Document:        r.document,
		Voice:           r.voice,
		Audio:           r.audio,
		MediaGroupID:    r.MediaGroupID,
		Location:        r.Location,
	}
	if r.markupKey != "" {
		m.ReplyMarkup = json.RawMessage(r.markupKey)
	}
	if r.Text != "" {
		m.Text = r.Plain
	} else if r.Caption != "" {
		m.Caption = r.Plain
	}
	if r.Edits > 0 {
		m.EditDate = int(r.edited.Unix())
	}
	return m
}

// Messages returns the bot's messages in the chat, in send order and in their
// current state. Deleted messages are left out. The result is a copy.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, 0, len(c.msgs))
	for _, r := range c.msgs {
		if !r.deleted {
			out = append(out, r.view())
		}
	}
	return out
}

// Calls returns the calls of one method ("" = all) in the order they were
// answered, which is arrival order except for long polls.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// CallCount is the number of calls of one method ("" = all) so far. It is
// cheap, for Await conditions in benchmarks.
func (s *Server) CallCount(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if method == "" {
		return len(s.calls)
	}
	if m := s.spec.lookup(method); m != nil {
		method = m.name
	}
	return s.callCount[method]
}

// Answers returns the answerCallbackQuery calls.
func (s *Server) Answers() []Call { return s.Calls("answerCallbackQuery") }

// Commands returns the setMyCommands calls.
func (s *Server) Commands() []Call { return s.Calls("setMyCommands") }

// TooMany is the number of 429 answers so far.
func (s *Server) TooMany() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tooMany
}

// Violations returns the spec-check failures so far, as "method: problem".
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}
