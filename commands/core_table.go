package commands

import (
	"courtyard/storage"
	"courtyard/telegram"
)

// command is one slash command: who may use it and where.
type command struct {
	name    string
	min     storage.Role // lowest role that may use it
	inGroup bool         // usable in a group (else it answers with a deep link)
	menu    bool         // listed in the command menu and /help
	menuMin storage.Role // when set, listed only from this role up (min lets in others the handler checks)
	run     handler
}

// commandTable lists every command. Permission is checked here, in one
// place, before a handler runs.
func (a *App) commandTable() []command {
	cs := []command{
		{name: "start", min: storage.RoleResident, inGroup: true, menu: true, run: a.start},
		{name: "help", min: storage.RoleResident, inGroup: true, menu: true, run: a.help},
		{name: "lang", min: storage.RoleResident, menu: true, run: a.langCmd},
		{name: "cancel", min: storage.RoleResident, menu: true, run: a.cancel},
		{name: "grant", min: storage.RoleStaff, inGroup: true, menu: true, run: a.grant},
		{name: "revoke", min: storage.RoleStaff, inGroup: true, menu: true, run: a.revoke},
		{name: "linkchat", min: storage.RoleStaff, inGroup: true, menu: true, run: a.linkchat},
		{name: "status", min: storage.RoleStaff, menu: true, run: a.status},
		{name: "report", min: storage.RoleResident, inGroup: true, menu: true, run: a.report},
		{name: "wish", min: storage.RoleResident, inGroup: true, menu: true, run: a.wish},
		{name: "my", min: storage.RoleResident, menu: true, run: a.my},
		{name: "ticket", min: storage.RoleResident, menu: true, run: a.ticketCmd},
		{name: "mytasks", min: storage.RoleResident, menu: true, run: a.mytasks},
		{name: "queue", min: storage.RoleLeader, menu: true, run: a.queue},
		{name: "assign", min: storage.RoleLeader, menu: true, run: a.assign},
		{name: "reject", min: storage.RoleLeader, menu: true, run: a.reject},
		{name: "duplicate", min: storage.RoleLeader, menu: true, run: a.duplicate},
		{name: "ledger", min: storage.RoleLeader, menu: true, run: a.ledger},
		{name: "export", min: storage.RoleStaff, menu: true, run: a.export},
		{name: "stats", min: storage.RoleStaff, inGroup: true, menu: true, run: a.stats},
		{name: "team", min: storage.RoleResident, menu: true, run: a.team},
		{name: "teams", min: storage.RoleResident, inGroup: true, menu: true, run: a.teams},
		{name: "hours", min: storage.RoleResident, menu: true, run: a.hours},
		{name: "shifts", min: storage.RoleResident, menu: true, run: a.shiftsCmd},
		{name: "found", min: storage.RoleResident, menu: true, run: a.found},
		{name: "roster", min: storage.RoleResident, menu: true, run: a.rosterCmd},
		{name: "patrol", min: storage.RoleResident, menu: true, run: a.patrolCmd},
		{name: "announce", min: storage.RoleLeader, menu: true, run: a.announce},
		{name: "job", min: storage.RoleResident, menu: true, run: a.job},
		{name: "jobs", min: storage.RoleResident, menu: true, run: a.jobsCmd},
		{name: "myjobs", min: storage.RoleResident, menu: true, run: a.myjobs},
		{name: "announcements", min: storage.RoleLeader, menu: true, run: a.announcements},
		{name: "schedule", min: storage.RoleLeader, menu: true, run: a.schedule},
		{name: "meeting", min: storage.RoleStaff, menu: true, run: a.meeting},
		{name: "meetings", min: storage.RoleLeader, menu: true, run: a.meetings},
		{name: "holidays", min: storage.RoleResident, inGroup: true, menu: true, run: a.holidays},
		{name: "care", min: storage.RoleStaff, menu: true, run: a.care},
		{name: "visits", min: storage.RoleStaff, menu: true, run: a.visitsCmd},
		{name: "stars", min: storage.RoleResident, menu: true, run: a.stars},
		{name: "pledge", min: storage.RoleResident, menu: true, run: a.pledge},
		{name: "pledges", min: storage.RoleResident, menu: true, run: a.pledges},
		{name: "mediation", min: storage.RoleResident, menu: true, menuMin: storage.RoleStaff, run: a.mediation},
		{name: "mediator", min: storage.RoleStaff, menu: true, run: a.mediator},
		{name: "summary", min: storage.RoleStaff, menu: true, run: a.summary},
		{name: "mydata", min: storage.RoleResident, menu: true, run: a.myData},
		{name: "forgetme", min: storage.RoleResident, menu: true, run: a.forgetMe},
		{name: "block", min: storage.RoleStaff, menu: true, run: a.blockCmd},
		{name: "unblock", min: storage.RoleStaff, menu: true, run: a.unblockCmd},
		{name: "blocked", min: storage.RoleStaff, menu: true, run: a.blockedCmd},
		{name: "audit", min: storage.RoleAdmin, menu: true, run: a.auditCmd},
	}
	for i := range cs {
		cs[i].run = a.guard(cs[i])
	}
	return cs
}

// guard refuses a command to someone whose role is too low, and moves
// private-only commands out of groups with a deep link.
func (a *App) guard(c command) handler {
	run := c.run
	return func(r *req) error {
		if !r.atLeast(c.min) {
			if c.min.Rank() >= storage.RoleStaff.Rank() && r.private() {
				// A new administrator learns here the id the config needs
				// (in private only: a group need not see it).
				return r.reply(r.t("error.forbidden_id", "/"+c.name, r.me.ID, r.me.ID), nil)
			}
			return r.reply(r.t("error.forbidden", "/"+c.name), nil)
		}
		if !r.private() && !c.inGroup {
			return r.reply(r.t("group.go_private"), a.linkKeyboard(r, groupLinkPayload(r, c.name)))
		}
		return run(r)
	}
}

// linkKeyboard is one button that opens the private chat with payload.
func (a *App) linkKeyboard(r *req, payload string) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.t("group.open_private"), URL: a.deepLink(payload)}}}}
}

// callback is a family of buttons sharing a data prefix.
type callback struct {
	prefix string
	run    handler
}

func (a *App) callbackTable() []callback {
	return []callback{
		{prefix: "reg:", run: a.regButton},
		{prefix: "lang:", run: a.langButton},
		{prefix: "menu:", run: a.menuButton},
		{prefix: "tk:", run: a.ticketButton},
		{prefix: "an:", run: a.announceButton},
		{prefix: "lg:", run: a.ledgerButton},
		{prefix: "sc:", run: a.scheduleButton},
		{prefix: "mt:", run: a.meetingButton},
		{prefix: "pt:", run: a.patrolButton},
		{prefix: "tm:", run: a.teamButton},
		{prefix: "jb:", run: a.jobButton},
		{prefix: "cr:", run: a.careButton},
		{prefix: "vi:", run: a.visitButton},
		{prefix: "st:", run: a.starButton},
		{prefix: "pl:", run: a.pledgeButton},
		{prefix: "md:", run: a.mediationButton},
		{prefix: "xl:", run: a.excelButton},
		{prefix: "pv:", run: a.privacyButton},
		{prefix: "au:", run: a.auditButton},
	}
}

// Menu is the command list for setMyCommands: commands usable at role, in
// private or in groups, in lang.
func (a *App) Menu(role storage.Role, group bool, lang string) []telegram.BotCommand {
	var out []telegram.BotCommand
	for _, c := range a.commandTable() {
		if !c.menu || c.min.Rank() > role.Rank() || c.menuMin.Rank() > role.Rank() || (group && !c.inGroup) {
			continue
		}
		out = append(out, telegram.BotCommand{Command: c.name, Description: a.cat.T(lang, "cmd."+c.name)})
	}
	return out
}
