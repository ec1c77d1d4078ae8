package app

import (
	"testing"

	"courtyard/storage"
)

// TestRegisteredResidentGetsTheirMenuAtStart: Telegram's default private
// menu is the newcomer's, so a resident registered before their own menu
// was ever set (by an earlier version, or straight into the database) is
// given the resident's menu when the bot starts, once.
func TestRegisteredResidentGetsTheirMenuAtStart(t *testing.T) {
	h := newHarness(t, nil)
	const id = 2011
	h.write(func(tx *storage.Tx) error {
		if err := tx.TouchMember(id, "老周", "", "zh", h.clock.Now()); err != nil {
			return err
		}
		return tx.Register(id, "3", "702", h.clock.Now())
	})
	h.shutdown()
	h.start()
	menus := frWaitMenus(h, id, 1)
	if menus[0]["report"] == "" || menus[0]["my"] == "" || menus[0]["help"] != "我能做什么" || menus[0]["queue"] != "" {
		t.Errorf("a registered resident's menu: %v", menus[0])
	}
	h.shutdown()
	h.start()
	frWaitMenus(h, id, 1)
}
