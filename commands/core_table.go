package commands

import "courtyard/commands/core"

// The permission table: every command and every button action, with who
// may use it (lowest role), where (private chat, linked group, unlinked
// group) and the one function that decides access to the object its
// arguments or data name (scope). The guard (core_rules.go) checks role and
// chat here, before any handler runs; the handler then asks the scope's
// function about the ticket, job, shift, household or team named. A button
// action without a row is refused as stale and logged, and a test fails.
//
// anyRole includes people who never registered: where registration is
// needed, the scope's function asks for it with the capability's words.
//
// A new capability adds, and the tests fail until it does:
//   - one row per command in commandTable:
//     {"schedule", rule{leaderUp, privateOnly, scopeNotice}, listed, a.schedule},
//   - one family in buttonTable with one row per verb its router takes:
//     {prefix: "sn:", run: a.noticeButton, refuse: "notice.staff_only", verbs: verbs{
//         "pause": {leaderUp, privateOnly, scopeNotice},
//     }},
//   - the scope, if new, in core_rules.go, naming its one may-function:
//     scopeNotice scope = "mayManageNotice" // notices_perm.go
//   - in app/permissions_cells_test.go, who its may-function refuses on a
//     forged object (permDenied) and, in permFixtures, an object to forge.

// commandTable lists every command. A command used in a chat its rule does
// not allow answers with a deep link to the private chat.
func (a *App) commandTable() []core.Command {
	cs := []core.Command{
		{Name: "start", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.start},
		{Name: "help", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.help},
		{Name: "lang", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.langCmd},
		{Name: "cancel", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.cancel},
		{Name: "grant", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeGrant}, Menu: core.Listed, Run: a.grant},
		{Name: "revoke", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeGrant}, Menu: core.Listed, Run: a.revoke},
		{Name: "linkchat", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.linkchat},
		{Name: "status", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.status},
		{Name: "report", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.report},
		{Name: "wish", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.wish},
		{Name: "my", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.my},
		{Name: "ticket", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketView}, Menu: core.Listed, Run: a.ticketCmd},
		{Name: "mytasks", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.mytasks},
		{Name: "queue", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeBuilding}, Menu: core.Listed, Run: a.queue},
		{Name: "assign", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeTicketManage}, Menu: core.Listed, Run: a.assign},
		{Name: "reject", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeTicketManage}, Menu: core.Listed, Run: a.reject},
		{Name: "duplicate", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeTicketManage}, Menu: core.Listed, Run: a.duplicate},
		{Name: "ledger", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeBuilding}, Menu: core.Listed, Run: a.ledger},
		{Name: "export", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.export},
		{Name: "stats", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.stats},
		{Name: "team", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTeam}, Menu: core.Listed, Run: a.team},
		{Name: "teams", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.teams},
		{Name: "hours", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeHours}, Menu: core.Listed, Run: a.hours},
		{Name: "shifts", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, Menu: core.Listed, Run: a.shiftsCmd},
		{Name: "found", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, Menu: core.Listed, Run: a.found},
		{Name: "roster", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRoster}, Menu: core.Listed, Run: a.rosterCmd},
		{Name: "patrol", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, Menu: core.Listed, Run: a.patrolCmd},
		{Name: "announce", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, Menu: core.Listed, Run: a.announce},
		{Name: "job", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOrganise}, Menu: core.Listed, Run: a.job},
		{Name: "jobs", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.jobsCmd},
		{Name: "myjobs", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.myjobs},
		{Name: "announcements", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, Menu: core.Listed, Run: a.announcements},
		{Name: "holidays", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.holidays},
		{Name: "care", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, Menu: core.Listed, Run: a.care},
		{Name: "visits", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, Menu: core.Listed, Run: a.visitsCmd},
		{Name: "stars", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeStars}, Menu: core.Listed, Run: a.stars},
		{Name: "pledge", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.pledge},
		{Name: "pledges", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge}, Menu: core.Listed, Run: a.pledges},
		{Name: "schedule", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule}, Menu: core.Listed, Run: a.schedule},
		{Name: "meeting", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, Menu: core.Listed, Run: a.meeting},
		{Name: "meetings", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeViewMeeting}, Menu: core.Listed, Run: a.meetings},
		{Name: "mediation", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate}, Menu: core.ListedFrom(core.StaffUp), Run: a.mediation},
		{Name: "mediator", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.mediator},
		{Name: "summary", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.summary},
		{Name: "mydata", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.myData},
		{Name: "forgetme", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.forgetMe},
		{Name: "block", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeBlock}, Menu: core.Listed, Run: a.blockCmd},
		{Name: "unblock", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeBlock}, Menu: core.Listed, Run: a.unblockCmd},
		{Name: "blocked", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.blockedCmd},
		{Name: "audit", Rule: core.Rule{Min: core.AdminOnly, Chats: core.PrivateOnly, Scope: core.ScopeAudit}, Menu: core.Listed, Run: a.auditCmd},
	}
	return cs
}

// buttonTable lists every button action: a family of buttons shares a data
// prefix and a router; each verb (the data's first field after the prefix,
// "*" for any) has its rule. refuse and private are the catalog keys of the
// answer when the table refuses the role or the chat (defaults:
// error.forbidden_button, error.private_button).
func (a *App) buttonTable() []core.Buttons {
	return []core.Buttons{
		{Prefix: "reg:", Run: a.regButton, Private: "error.stale_button", Verbs: core.Verbs{
			"change": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"b":      {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "lang:", Run: a.langButton, Verbs: core.Verbs{
			"*": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "menu:", Run: a.menuButton, Private: "menu.private_only", Verbs: core.Verbs{
			"report": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "wish": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"my": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "help": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"jobs": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob}, "shifts": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
			"stars": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "pledges": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge},
			"lang": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "mydata": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"mediation": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate}, "summary": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
		}},
		{Prefix: "tk:", Run: a.ticketButton, Verbs: core.Verbs{
			"cat": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "bld": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"b": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "nm": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"cancel": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"claim":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketWork}, "qclaim": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketWork},
			"back": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketWork}, "res": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketWork},
			"fb": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketReporter}, "me": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeTicketFollow},
			"info": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeTicketView}, "media": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketView},
			"hide": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketReporter},
		}},
		{Prefix: "an:", Run: a.announceButton, Refuse: "ann.not_yours", Private: "error.stale_button", Verbs: core.Verbs{
			"ack":  {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeRecipient},
			"send": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, "pin": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce},
			"cancel": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce},
			"a":      {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, "b": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce},
			"bd": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, "t": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce},
			"x": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "lg:", Run: a.ledgerButton, Refuse: "error.forbidden", Private: "error.forbidden", Cmd: "/ledger", Verbs: core.Verbs{
			"*": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeBuilding},
		}},
		{Prefix: "pt:", Run: a.patrolButton, Verbs: core.Verbs{
			"tl": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "ta": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"tc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "tp": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"tr": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "trc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"fp": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "fs": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"fk": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "fn": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"fsave": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "fcancel": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"take": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift}, "takec": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift},
			"swap": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift}, "swapc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift},
			"cant": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, "way": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
			"in": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, "out": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
			"found": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, "offer": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
			"offt": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, "offm": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
		}},
		{Prefix: "tm:", Run: a.teamButton, Refuse: "team.staff_only", Private: "error.stale_button", Verbs: core.Verbs{
			"view": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTeam}, "join": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJoin},
			"leave": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "leavey": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"stay": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"ok":   {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTeam}, "no": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTeam},
			"leads": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "lead": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"restr": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "ren": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"arch": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "archy": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"unarch": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
		}},
		{Prefix: "jb:", Run: a.jobButton, Private: "error.stale_button", Verbs: core.Verbs{
			"n":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOrganise},
			"pg": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob}, "clr": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNoShows},
			"su": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeJob}, "suc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob},
			"wd": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, "wdx": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"ok": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "no": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"keep": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"cx":   {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob}, "cxy": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob},
			"mv": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob}, "at": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob},
		}},
		{Prefix: "cr:", Run: a.careButton, Refuse: "care.staff_only", Private: "care.staff_only", Verbs: core.Verbs{
			"list": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "arch": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"new": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "b": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"r": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "skip": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"v": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, "e": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold},
			"x": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, "vis": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold},
			"va": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, "vt": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold},
		}},
		{Prefix: "vi:", Run: a.visitButton, Private: "visits.not_yours", Verbs: core.Verbs{
			"done": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit}, "tk": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit},
			"wish": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit}, "skip": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit},
		}},
		{Prefix: "st:", Run: a.starButton, Refuse: "stars.staff_only", Private: "menu.private_only", Verbs: core.Verbs{
			"o": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "od": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars},
			"ov": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "oa": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars},
			"oy": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "ox": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars},
			"s": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "t": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars},
			"n": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart}, "w": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart},
			"b": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart}, "v": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart},
			"c": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "pl:", Run: a.pledgeButton, Private: "menu.private_only", Verbs: core.Verbs{
			"pub": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "x": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"rk": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"d":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge}, "sr": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge},
			"v": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "c": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManagePledges},
			"r": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRatePledge}, "rv": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRatePledge},
		}},
		{Prefix: "sc:", Run: a.scheduleButton, Refuse: "error.stale_button", Private: "error.stale_button", Verbs: core.Verbs{
			"new": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"v":   {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule}, "p": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule},
			"r": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule}, "d": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule},
			"et": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule}, "ew": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule},
			"x": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "w": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"h": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "a": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"b": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "bd": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"t": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "save0": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"save1": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "mt:", Run: a.meetingButton, Refuse: "mt.not_yours", Private: "error.stale_button", Verbs: core.Verbs{
			// Invitations are posted to linked groups too: Coming and
			// Can't come answer there, for the invited chat only.
			"y": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeInvited}, "n": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeInvited},
			"v":    {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeViewMeeting},
			"post": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, "rep": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting},
			"cancel": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, "min": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting},
			"dec": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, "tk": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting},
			"jb": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting},
			"x":  {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "pull": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"ad": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "a": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"b": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "bd": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"t": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "md:", Run: a.mediationButton, Refuse: "mediation.move_refused", Private: "mediation.group_refused", Verbs: core.Verbs{
			"tk":  {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeMoveToMediation},
			"new": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate}, "l": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate},
			"o": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute}, "s": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute},
			"f": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute}, "oc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute},
			"out": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute},
		}},
		{Prefix: "xl:", Run: a.excelButton, Refuse: "error.forbidden", Private: "error.forbidden", Cmd: "/export", Verbs: core.Verbs{
			"*": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
		}},
		{Prefix: "pv:", Run: a.privacyButton, Private: "forget.private_only", Verbs: core.Verbs{
			"forget": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "keep": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "au:", Run: a.auditButton, Refuse: "audit.forbidden", Private: "audit.forbidden", Verbs: core.Verbs{
			"*": {Min: core.AdminOnly, Chats: core.PrivateOnly, Scope: core.ScopeAudit},
		}},
	}
}
