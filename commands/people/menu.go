package people

import (
	"fmt"
	"hash/fnv"
	"time"

	"courtyard/commands/core"
	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
)

// menuSet is one private command menu and the key it is remembered by: the
// role, the language and a hash of the commands, so that a menu changed by
// a new version is sent again.
type menuSet struct {
	cmds []telegram.BotCommand
	key  string
}

// newcomer keys the menu of someone not registered yet.
const newcomer = "newcomer"

// buildMenus makes the private menu of every role, and the newcomer's, in
// every language.
func (a *People) buildMenus() map[string]menuSet {
	out := map[string]menuSet{}
	add := func(name, lang string, cmds []telegram.BotCommand) {
		h := fnv.New32a()
		for _, c := range cmds {
			fmt.Fprintf(h, "%s\x00%s\x00", c.Command, c.Description)
		}
		out[name+":"+lang] = menuSet{cmds: cmds, key: fmt.Sprintf("%s:%s:%08x", name, lang, h.Sum32())}
	}
	for _, lang := range locale.Languages() {
		for _, role := range []storage.Role{storage.RoleResident, storage.RoleLeader, storage.RoleStaff, storage.RoleAdmin} {
			add(string(role), lang, a.Menu(role, false, lang))
		}
		add(newcomer, lang, a.NewcomerMenu(lang))
	}
	return out
}

// SyncMenu gives m's private chat the command menu of their role and
// language when it differs from what was last set there. Telegram's
// default menus are the newcomer's: someone not registered whose language
// is the one those already pick for them needs no menu of their own,
// unless one was set before (a revoked role); a registered resident gets
// the resident's menu. force sends even a menu that was already set.
func (a *People) SyncMenu(tx *storage.Tx, m storage.Member, force bool, now time.Time) error {
	role, lang := a.RoleOf(m), a.LangOf(m)
	name := string(role)
	if role == storage.RoleResident && !m.Registered() {
		name = newcomer
	}
	want := a.menus[name+":"+lang]
	have, err := tx.MenuOf(m.ID)
	if err != nil {
		return err
	}
	own := name != newcomer || lang != locale.Pick("", m.TGLanguage, a.Cfg.Community.Language)
	if !force && (have == want.key || (have == "" && !own)) {
		return nil
	}
	p := telegram.SetMyCommands{Commands: want.cmds, Scope: &telegram.BotCommandScope{Type: "chat", ChatID: m.ID}}
	// Bulk: after an upgrade every resident's menu is set again, behind
	// what people are waiting for.
	if _, err := tx.Enqueue(storage.OutMsg{Method: "setMyCommands", Payload: telegram.Marshal(p), Priority: storage.PriorityBulk}, now); err != nil {
		return err
	}
	return tx.SetMenuOf(m.ID, want.key)
}

// syncOwnMenu keeps the menu of the person writing in private current: it
// is how a new administrator's first message gives them their menu.
func (a *People) syncOwnMenu(r *core.Req) error {
	if !r.Private() || r.Chat.ID != r.Me.ID {
		return nil
	}
	return a.SyncMenu(r.Tx, r.Me, false, r.Now)
}

// MenuPeople lists whose private menu to check at start: role holders,
// the administrators the bot knows, everyone given a menu before, and the
// registered residents (Telegram's default menu is the newcomer's).
func (a *People) MenuPeople(tx *storage.Tx) ([]storage.Member, error) {
	seen := map[int64]bool{}
	var out []storage.Member
	add := func(m storage.Member) {
		if !seen[m.ID] {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	lists := []func() ([]storage.Member, error){
		func() ([]storage.Member, error) { return tx.MembersWithRole(storage.RoleStaff) },
		func() ([]storage.Member, error) { return tx.MembersWithRole(storage.RoleLeader) },
		func() ([]storage.Member, error) { return tx.Residents() },
	}
	for _, list := range lists {
		ms, err := list()
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			add(m)
		}
	}
	ids, err := tx.MenuHolders()
	if err != nil {
		return nil, err
	}
	for _, id := range append(ids, a.Cfg.Admins...) {
		m, err := tx.Member(id)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		add(m)
	}
	return out, nil
}
