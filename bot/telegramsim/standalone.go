package telegramsim

import (
	"github.com/go-telegram/bot/models"
)

// WithUpdateHook calls fn with every update as it is queued for the bot,
// with its update_id and message ids assigned: a record of what the users
// said. fn runs with the server's lock held: it must return quickly and
// must not call the Server.
func WithUpdateHook(fn func(models.Update)) Option {
	return func(s *Server) { s.hook = fn }
}

// Changed returns a channel that is closed at the server's next change: a
// request handled, an update queued or confirmed.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// Meet makes the user known and the user's private chat open to the bot,
// as if the user had written to it before.
func (s *Server) Meet(u models.User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seenUserLocked(u)
	s.chatLocked(PrivateChat(u)).info = PrivateChat(u)
	s.bumpLocked()
}

// File returns the content of a file by file_id: a photo a user sent or a
// file the bot uploaded. The resized sizes of an album's photo ("-s") give
// the photo's content.
func (s *Server) File(fileID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f == nil && len(fileID) > 2 && fileID[len(fileID)-2:] == "-s" {
		f = s.files[fileID[:len(fileID)-2]]
	}
	if f == nil {
		return nil, false
	}
	return f.data, true
}

// Entities returns the parsed formatting of a bot message's text or caption
// (offsets in UTF-16 units of Message.Plain), nil if there is none.
func (s *Server) Entities(chatID int64, messageID int) []models.MessageEntity {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	r := c.bot(messageID)
	if r == nil {
		return nil
	}
	if r.Text != "" {
		return append([]models.MessageEntity(nil), r.entities...)
	}
	return append([]models.MessageEntity(nil), r.captionEntities...)
}

// SendPhotoData queues a photo message from a user whose content is data
// (the same content in three sizes). It returns the update_id.
func (s *Server) SendPhotoData(from models.User, chat models.Chat, caption string, data []byte) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(from, chat)
	m.Caption = caption
	for _, side := range []int{90, 320, 1280} {
		f := s.storeFileLocked("photo", "", append([]byte(nil), data...))
		m.Photo = append(m.Photo, models.PhotoSize{FileID: f.id, FileUniqueID: f.unique, Width: side, Height: side, FileSize: len(data)})
	}
	return s.enqueueLocked(&models.Update{Message: m})
}
