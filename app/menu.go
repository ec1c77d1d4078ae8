package app

import (
	"context"
	"log/slog"

	"courtyard/bot"
	"courtyard/commands"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
)

// setCommands registers the command menus: for private chats and for groups
// in each language, and a fuller one in each staff member's private chat.
// A failure is logged; the bot works without menus.
func setCommands(ctx context.Context, c *bot.Client, store *storage.Storage, cmds *commands.App, cfg config.Config, log *slog.Logger) {
	set := func(p telegram.SetMyCommands) {
		if err := c.Call(ctx, "setMyCommands", p, nil); err != nil {
			log.Warn("setting the command menu failed", "scope", p.Scope.Type, "language", p.LanguageCode, "err", err)
		}
	}
	for _, lang := range locale.Languages() {
		code := lang
		set(telegram.SetMyCommands{Commands: cmds.Menu(storage.RoleResident, false, lang), Scope: &telegram.BotCommandScope{Type: "all_private_chats"}, LanguageCode: code})
		set(telegram.SetMyCommands{Commands: cmds.Menu(storage.RoleResident, true, lang), Scope: &telegram.BotCommandScope{Type: "all_group_chats"}, LanguageCode: code})
	}
	// The community's language is also the default for everyone else.
	set(telegram.SetMyCommands{Commands: cmds.Menu(storage.RoleResident, false, cfg.Community.Language), Scope: &telegram.BotCommandScope{Type: "all_private_chats"}})
	set(telegram.SetMyCommands{Commands: cmds.Menu(storage.RoleResident, true, cfg.Community.Language), Scope: &telegram.BotCommandScope{Type: "all_group_chats"}})

	var people []storage.Member
	err := store.View(ctx, func(tx *storage.Tx) error {
		var err error
		people, err = tx.MembersWithRole(storage.RoleStaff)
		if err != nil {
			return err
		}
		leaders, err := tx.MembersWithRole(storage.RoleLeader)
		people = append(people, leaders...)
		for _, id := range cfg.Admins {
			m, err := tx.Member(id)
			if err == nil {
				people = append(people, m)
			}
		}
		return err
	})
	if err != nil {
		log.Warn("reading staff for command menus failed", "err", err)
		return
	}
	for _, m := range people {
		role := m.Role
		for _, id := range cfg.Admins {
			if id == m.ID {
				role = storage.RoleAdmin
			}
		}
		lang := locale.Pick(m.Language, m.TGLanguage, cfg.Community.Language)
		set(telegram.SetMyCommands{Commands: cmds.Menu(role, false, lang), Scope: &telegram.BotCommandScope{Type: "chat", ChatID: m.ID}})
	}
}
