package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/commands/core"
	"courtyard/storage"
)

// flowKeys is a message's keyboard as the tests write it: the buttons'
// texts, rows parted by " | ".
func flowKeys(m telegramtest.Message) string {
	rows := make([]string, 0, len(m.Buttons))
	for _, row := range m.Buttons {
		texts := make([]string, 0, len(row))
		for _, b := range row {
			texts = append(texts, b.Text)
		}
		rows = append(rows, strings.Join(texts, " "))
	}
	return strings.Join(rows, " | ")
}

// flowIs checks a question's whole text and its buttons.
func flowIs(t *testing.T, m telegramtest.Message, text, keys string) {
	t.Helper()
	if m.Plain != text || flowKeys(m) != keys {
		t.Errorf("got %q with [%s]\nwant %q with [%s]", m.Plain, flowKeys(m), text, keys)
	}
}

// flowPress presses the button of m whose text is label.
func (h *harness) flowPress(u models.User, m telegramtest.Message, label string) {
	h.t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == label {
				h.tg.Press(u, m, b.Data)
				return
			}
		}
	}
	h.t.Fatalf("no button %q on %q: [%s]", label, m.Plain, flowKeys(m))
}

// flowNone checks that u is in no conversation once all is applied.
func (h *harness) flowNone(u models.User) {
	h.t.Helper()
	h.settle()
	h.db(func(tx *storage.Tx) error {
		f, err := tx.Flow(u.ID)
		if core.IsNotFound(err) {
			return nil
		}
		if err == nil {
			h.t.Errorf("%d is still in the conversation %s/%s", u.ID, f.Name, f.Step)
		}
		return err
	})
}
