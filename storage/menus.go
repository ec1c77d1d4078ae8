package storage

import (
	"errors"
	"strconv"
)

// Command menus set for one person's private chat are remembered in kv under
// "menu.<id>", so that a menu is sent only when it changes.

func menuKey(id int64) string { return "menu." + strconv.FormatInt(id, 10) }

// MenuOf returns what was last set as the member's private command menu,
// "" when nothing was.
func (t BookkeepingTx) MenuOf(id int64) (string, error) {
	v, err := t.kv(menuKey(id))
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return v, err
}

// SetMenuOf records what was set as the member's private command menu.
func (t BookkeepingTx) SetMenuOf(id int64, menu string) error {
	return t.setKV(menuKey(id), menu)
}

// MenuHolders lists the members whose private command menu was ever set.
func (t BookkeepingTx) MenuHolders() ([]int64, error) {
	keys, err := queryAll(t, "menu holders", scanOne[string], `SELECT key FROM kv WHERE key >= 'menu.' AND key < 'menu/'`)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, k := range keys {
		if id, err := strconv.ParseInt(k[len("menu."):], 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out, nil
}
