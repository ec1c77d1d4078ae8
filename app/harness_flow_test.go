package app

import (
	"strings"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/testkit"
)

// buttonLabels are a message's buttons' texts, row by row: "a b | c". The
// conversation tests read each question whole: its text and its buttons.
func buttonLabels(m telegramtest.Message) string {
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

// updateDone waits until update upd is applied and all it caused is sent.
func (h *harness) updateDone(upd int64) {
	h.t.Helper()
	testkit.Await(h.t, wait, h.tg.Changed, func() bool {
		var done bool
		h.db(func(tx *storage.Tx) error {
			var err error
			done, err = tx.UpdateIsDone(upd)
			return err
		})
		return done
	}, "update "+itoa(upd)+" not applied")
	h.settle()
}
