package app

import (
	"context"
	"log/slog"
	"time"

	"courtyard/bot"
	"courtyard/commands"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
)

// setCommands registers the command menus for private chats (the
// newcomer's: registering gives a person their own) and for groups in each
// language, and queues each person's own private menu (role holders,
// administrators, people with a language of their own) where it changed
// since it was last set. A failure is logged; the bot works without menus.
func setCommands(ctx context.Context, c *bot.Client, store *storage.Storage, cmds *commands.App, cfg config.Config, now func() time.Time, log *slog.Logger) {
	set := func(p telegram.SetMyCommands) {
		if err := c.Call(ctx, "setMyCommands", p, nil); err != nil {
			log.Warn("setting the command menu failed", "scope", p.Scope.Type, "language", p.LanguageCode, "err", err)
		}
	}
	for _, lang := range locale.Languages() {
		code := lang
		set(telegram.SetMyCommands{Commands: cmds.NewcomerMenu(lang), Scope: &telegram.BotCommandScope{Type: "all_private_chats"}, LanguageCode: code})
		set(telegram.SetMyCommands{Commands: cmds.Menu(storage.RoleResident, true, lang), Scope: &telegram.BotCommandScope{Type: "all_group_chats"}, LanguageCode: code})
	}
	// The community's language is also the default for everyone else.
	set(telegram.SetMyCommands{Commands: cmds.NewcomerMenu(cfg.Community.Language), Scope: &telegram.BotCommandScope{Type: "all_private_chats"}})
	set(telegram.SetMyCommands{Commands: cmds.Menu(storage.RoleResident, true, cfg.Community.Language), Scope: &telegram.BotCommandScope{Type: "all_group_chats"}})

	err := store.Update(ctx, func(tx *storage.Tx) error {
		people, err := cmds.MenuPeople(tx)
		if err != nil {
			return err
		}
		for _, m := range people {
			have, err := tx.MenuOf(m.ID)
			if err != nil {
				return err
			}
			if !m.Registered() && have == "" {
				continue // no private chat yet: their first message there sets it
			}
			if err := cmds.SyncMenu(tx, m, false, now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		log.Warn("queueing the people's command menus failed", "err", err)
	}
}
