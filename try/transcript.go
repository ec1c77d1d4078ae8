package try

import (
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// said is one thing a person sent: a message the bot saw, or a plain
// message in a group that the bot, in privacy mode, never sees (ID 0).
type said struct {
	ChatID   int64
	ID       int   // message id in the chat; 0 for a group message the bot does not see
	After    int   // for ID 0: the last message id in the chat when it was sent
	Seq      int64 // order of arrival
	From     models.User
	Text     string
	Photo    string // file_id of the largest size
	Location *models.Location
	ReplyTo  int
	Date     time.Time // wall clock, when it was queued for the bot
}

// answer is the bot's answer to a button press, shown as a toast.
type answer struct {
	Seq    int64
	UserID int64
	Text   string
	Alert  bool
}

// transcript keeps what the people said and who pressed which button.
type transcript struct {
	wall    func() time.Time
	mu      sync.Mutex
	seq     int64
	chats   map[int64][]said
	queries map[string]int64 // callback query id -> who pressed
	answers []answer
	seen    int // answerCallbackQuery calls looked at
}

func newTranscript(wall func() time.Time) *transcript {
	return &transcript{wall: wall, chats: map[int64][]said{}, queries: map[string]int64{}}
}

// add records an update as it is queued for the bot (the server's hook).
func (t *transcript) add(u models.Update) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seq++
	if q := u.CallbackQuery; q != nil {
		t.queries[q.ID] = q.From.ID
		return
	}
	m := u.Message
	if m == nil || m.From == nil {
		return
	}
	s := said{ChatID: m.Chat.ID, ID: m.ID, Seq: t.seq, From: *m.From, Text: m.Text, Location: m.Location, Date: t.wall()}
	if m.Caption != "" {
		s.Text = m.Caption
	}
	if n := len(m.Photo); n > 0 {
		s.Photo = m.Photo[n-1].FileID
	}
	if m.ReplyToMessage != nil {
		s.ReplyTo = m.ReplyToMessage.ID
	}
	t.chats[s.ChatID] = append(t.chats[s.ChatID], s)
}

// aside records a group message the bot does not see.
func (t *transcript) aside(chatID int64, from models.User, text string, after int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seq++
	t.chats[chatID] = append(t.chats[chatID], said{ChatID: chatID, After: after, Seq: t.seq, From: from, Text: text, Date: t.wall()})
}

// in returns what was said in a chat, in order of arrival.
func (t *transcript) in(chatID int64) []said {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]said(nil), t.chats[chatID]...)
}

// photo returns the file_id of a photo a person sent in a chat.
func (t *transcript) photo(chatID int64, id int) (string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, s := range t.chats[chatID] {
		if s.ID == id && s.Photo != "" {
			return s.Photo, true
		}
	}
	return "", false
}

// answered takes the bot's answers to button presses from the calls the
// server recorded since the last look, and returns every answer with a
// text after seq.
func (t *transcript) answered(calls []answerCall, after int64) []answer {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, c := range calls[min(t.seen, len(calls)):] {
		if c.Text == "" {
			continue
		}
		t.seq++
		t.answers = append(t.answers, answer{Seq: t.seq, UserID: t.queries[c.QueryID], Text: c.Text, Alert: c.Alert})
	}
	t.seen = max(t.seen, len(calls))
	var out []answer
	for _, a := range t.answers {
		if a.Seq > after {
			out = append(out, a)
		}
	}
	return out
}

// answerCall is an answerCallbackQuery call the bot made.
type answerCall struct {
	QueryID, Text string
	Alert         bool
}
