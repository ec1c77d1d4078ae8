package commands

import (
	"courtyard/storage"
	"courtyard/telegram"
)

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

// command is one slash command.
type command struct {
	name string
	rule rule
	menu listing // who finds it in the command menu and /help
	run  handler
}

// listing is who finds a command in the command menu and /help: listed,
// everyone its rule lets in; or from a role up (its rule lets in others,
// whom its scope's function checks).
type listing storage.Role

const listed listing = "*"

// listedFrom lists a command only from role up.
func listedFrom(role storage.Role) listing { return listing(role) }

// commandTable lists every command. A command used in a chat its rule does
// not allow answers with a deep link to the private chat.
func (a *App) commandTable() []command {
	cs := []command{
		{"start", rule{anyRole, anyChat, scopeOwn}, listed, a.start},
		{"help", rule{anyRole, anyChat, scopeNone}, listed, a.help},
		{"lang", rule{anyRole, privateOnly, scopeOwn}, listed, a.langCmd},
		{"cancel", rule{anyRole, privateOnly, scopeOwn}, listed, a.cancel},
		{"grant", rule{staffUp, anyChat, scopeGrant}, listed, a.grant},
		{"revoke", rule{staffUp, anyChat, scopeGrant}, listed, a.revoke},
		{"linkchat", rule{staffUp, anyChat, scopeNone}, listed, a.linkchat},
		{"status", rule{staffUp, privateOnly, scopeNone}, listed, a.status},
		{"report", rule{anyRole, anyChat, scopeOwn}, listed, a.report},
		{"wish", rule{anyRole, anyChat, scopeOwn}, listed, a.wish},
		{"my", rule{anyRole, privateOnly, scopeOwn}, listed, a.my},
		{"ticket", rule{anyRole, privateOnly, scopeTicketView}, listed, a.ticketCmd},
		{"mytasks", rule{anyRole, privateOnly, scopeOwn}, listed, a.mytasks},
		{"queue", rule{leaderUp, privateOnly, scopeBuilding}, listed, a.queue},
		{"assign", rule{leaderUp, privateOnly, scopeTicketManage}, listed, a.assign},
		{"reject", rule{leaderUp, privateOnly, scopeTicketManage}, listed, a.reject},
		{"duplicate", rule{leaderUp, privateOnly, scopeTicketManage}, listed, a.duplicate},
		{"ledger", rule{leaderUp, privateOnly, scopeBuilding}, listed, a.ledger},
		{"export", rule{staffUp, privateOnly, scopeNone}, listed, a.export},
		{"stats", rule{staffUp, anyChat, scopeNone}, listed, a.stats},
		{"team", rule{anyRole, privateOnly, scopeTeam}, listed, a.team},
		{"teams", rule{anyRole, anyChat, scopeNone}, listed, a.teams},
		{"hours", rule{anyRole, privateOnly, scopeHours}, listed, a.hours},
		{"shifts", rule{anyRole, privateOnly, scopeShift}, listed, a.shiftsCmd},
		{"found", rule{anyRole, privateOnly, scopeShift}, listed, a.found},
		{"roster", rule{anyRole, privateOnly, scopeRoster}, listed, a.rosterCmd},
		{"patrol", rule{anyRole, privateOnly, scopePatrol}, listed, a.patrolCmd},
		{"announce", rule{leaderUp, privateOnly, scopeAnnounce}, listed, a.announce},
		{"job", rule{anyRole, privateOnly, scopeOrganise}, listed, a.job},
		{"jobs", rule{anyRole, privateOnly, scopeNone}, listed, a.jobsCmd},
		{"myjobs", rule{anyRole, privateOnly, scopeOwn}, listed, a.myjobs},
		{"announcements", rule{leaderUp, privateOnly, scopeAnnounce}, listed, a.announcements},
		{"holidays", rule{anyRole, anyChat, scopeNone}, listed, a.holidays},
		{"care", rule{staffUp, privateOnly, scopeHousehold}, listed, a.care},
		{"visits", rule{staffUp, privateOnly, scopeHousehold}, listed, a.visitsCmd},
		{"stars", rule{anyRole, privateOnly, scopeStars}, listed, a.stars},
		{"pledge", rule{anyRole, privateOnly, scopeOwn}, listed, a.pledge},
		{"pledges", rule{anyRole, privateOnly, scopePledge}, listed, a.pledges},
		{"schedule", rule{leaderUp, privateOnly, scopeSchedule}, listed, a.schedule},
		{"meeting", rule{staffUp, privateOnly, scopeManageMeeting}, listed, a.meeting},
		{"meetings", rule{leaderUp, privateOnly, scopeViewMeeting}, listed, a.meetings},
		{"mediation", rule{anyRole, privateOnly, scopeMediate}, listedFrom(staffUp), a.mediation},
		{"mediator", rule{staffUp, privateOnly, scopeNone}, listed, a.mediator},
		{"summary", rule{staffUp, privateOnly, scopeNone}, listed, a.summary},
		{"mydata", rule{anyRole, privateOnly, scopeOwn}, listed, a.myData},
		{"forgetme", rule{anyRole, privateOnly, scopeOwn}, listed, a.forgetMe},
		{"block", rule{staffUp, privateOnly, scopeBlock}, listed, a.blockCmd},
		{"unblock", rule{staffUp, privateOnly, scopeBlock}, listed, a.unblockCmd},
		{"blocked", rule{staffUp, privateOnly, scopeNone}, listed, a.blockedCmd},
		{"audit", rule{adminOnly, privateOnly, scopeAudit}, listed, a.auditCmd},
	}
	for i := range cs {
		cs[i].run = a.guard(cs[i])
	}
	return cs
}

// buttonTable lists every button action: a family of buttons shares a data
// prefix and a router; each verb (the data's first field after the prefix,
// "*" for any) has its rule. refuse and private are the catalog keys of the
// answer when the table refuses the role or the chat (defaults:
// error.forbidden_button, error.private_button).
func (a *App) buttonTable() []buttons {
	return []buttons{
		{prefix: "reg:", run: a.regButton, private: "error.stale_button", verbs: verbs{
			"change": {anyRole, privateOnly, scopeOwn},
			"b":      {anyRole, privateOnly, scopeOwn},
		}},
		{prefix: "lang:", run: a.langButton, verbs: verbs{
			"*": {anyRole, privateOnly, scopeOwn},
		}},
		{prefix: "menu:", run: a.menuButton, private: "menu.private_only", verbs: verbs{
			"report": {anyRole, privateOnly, scopeOwn}, "wish": {anyRole, privateOnly, scopeOwn},
			"my": {anyRole, privateOnly, scopeOwn}, "help": {anyRole, privateOnly, scopeNone},
			"jobs": {anyRole, privateOnly, scopeJob}, "shifts": {anyRole, privateOnly, scopeShift},
			"stars": {anyRole, privateOnly, scopeStars}, "pledges": {anyRole, privateOnly, scopePledge},
			"lang": {anyRole, privateOnly, scopeOwn}, "mydata": {anyRole, privateOnly, scopeOwn},
			"mediation": {anyRole, privateOnly, scopeMediate}, "summary": {staffUp, privateOnly, scopeNone},
		}},
		{prefix: "tk:", run: a.ticketButton, verbs: verbs{
			"cat": {anyRole, privateOnly, scopeOwn}, "bld": {anyRole, privateOnly, scopeOwn},
			"b": {anyRole, privateOnly, scopeOwn}, "nm": {anyRole, privateOnly, scopeOwn},
			"cancel": {anyRole, privateOnly, scopeOwn},
			"claim":  {anyRole, privateOnly, scopeTicketWork}, "qclaim": {anyRole, privateOnly, scopeTicketWork},
			"back": {anyRole, privateOnly, scopeTicketWork}, "res": {anyRole, privateOnly, scopeTicketWork},
			"fb": {anyRole, privateOnly, scopeTicketReporter}, "me": {anyRole, anyChat, scopeTicketFollow},
			"info": {anyRole, anyChat, scopeTicketView}, "media": {anyRole, privateOnly, scopeTicketView},
			"hide": {anyRole, privateOnly, scopeTicketReporter},
		}},
		{prefix: "an:", run: a.announceButton, refuse: "ann.not_yours", private: "error.stale_button", verbs: verbs{
			"ack":  {anyRole, anyChat, scopeRecipient},
			"send": {leaderUp, privateOnly, scopeAnnounce}, "pin": {leaderUp, privateOnly, scopeAnnounce},
			"cancel": {leaderUp, privateOnly, scopeAnnounce},
			"a":      {leaderUp, privateOnly, scopeAnnounce}, "b": {leaderUp, privateOnly, scopeAnnounce},
			"bd": {leaderUp, privateOnly, scopeAnnounce}, "t": {leaderUp, privateOnly, scopeAnnounce},
			"x": {leaderUp, privateOnly, scopeOwn},
		}},
		{prefix: "lg:", run: a.ledgerButton, refuse: "error.forbidden", private: "error.forbidden", cmd: "/ledger", verbs: verbs{
			"*": {leaderUp, privateOnly, scopeBuilding},
		}},
		{prefix: "pt:", run: a.patrolButton, verbs: verbs{
			"tl": {anyRole, privateOnly, scopePatrol}, "ta": {anyRole, privateOnly, scopePatrol},
			"tc": {anyRole, privateOnly, scopePatrol}, "tp": {anyRole, privateOnly, scopePatrol},
			"tr": {anyRole, privateOnly, scopePatrol}, "trc": {anyRole, privateOnly, scopePatrol},
			"fp": {anyRole, privateOnly, scopePatrol}, "fs": {anyRole, privateOnly, scopePatrol},
			"fk": {anyRole, privateOnly, scopePatrol}, "fn": {anyRole, privateOnly, scopePatrol},
			"fsave": {anyRole, privateOnly, scopePatrol}, "fcancel": {anyRole, privateOnly, scopePatrol},
			"take": {anyRole, privateOnly, scopeTakeShift}, "takec": {anyRole, privateOnly, scopeTakeShift},
			"swap": {anyRole, privateOnly, scopeTakeShift}, "swapc": {anyRole, privateOnly, scopeTakeShift},
			"cant": {anyRole, privateOnly, scopeShift}, "way": {anyRole, privateOnly, scopeShift},
			"in": {anyRole, privateOnly, scopeShift}, "out": {anyRole, privateOnly, scopeShift},
			"found": {anyRole, privateOnly, scopeShift}, "offer": {anyRole, privateOnly, scopeShift},
			"offt": {anyRole, privateOnly, scopeShift}, "offm": {anyRole, privateOnly, scopeShift},
		}},
		{prefix: "tm:", run: a.teamButton, refuse: "team.staff_only", private: "error.stale_button", verbs: verbs{
			"view": {anyRole, privateOnly, scopeTeam}, "join": {anyRole, privateOnly, scopeJoin},
			"leave": {anyRole, privateOnly, scopeOwn}, "leavey": {anyRole, privateOnly, scopeOwn},
			"stay": {anyRole, privateOnly, scopeOwn},
			"ok":   {anyRole, privateOnly, scopeTeam}, "no": {anyRole, privateOnly, scopeTeam},
			"leads": {staffUp, privateOnly, scopeNone}, "lead": {staffUp, privateOnly, scopeNone},
			"restr": {staffUp, privateOnly, scopeNone}, "ren": {staffUp, privateOnly, scopeNone},
			"arch": {staffUp, privateOnly, scopeNone}, "archy": {staffUp, privateOnly, scopeNone},
			"unarch": {staffUp, privateOnly, scopeNone},
		}},
		{prefix: "jb:", run: a.jobButton, private: "error.stale_button", verbs: verbs{
			"n":  {anyRole, privateOnly, scopeOrganise},
			"pg": {anyRole, privateOnly, scopeJob}, "clr": {anyRole, privateOnly, scopeNoShows},
			"su": {anyRole, anyChat, scopeJob}, "suc": {anyRole, privateOnly, scopeJob},
			"wd": {anyRole, anyChat, scopeOwn}, "wdx": {anyRole, privateOnly, scopeOwn},
			"ok": {anyRole, privateOnly, scopeOwn}, "no": {anyRole, privateOnly, scopeOwn},
			"keep": {anyRole, privateOnly, scopeOwn},
			"cx":   {anyRole, privateOnly, scopeManageJob}, "cxy": {anyRole, privateOnly, scopeManageJob},
			"mv": {anyRole, privateOnly, scopeManageJob}, "at": {anyRole, privateOnly, scopeManageJob},
		}},
		{prefix: "cr:", run: a.careButton, refuse: "care.staff_only", private: "care.staff_only", verbs: verbs{
			"list": {staffUp, privateOnly, scopeNone}, "arch": {staffUp, privateOnly, scopeNone},
			"new": {staffUp, privateOnly, scopeNone}, "b": {staffUp, privateOnly, scopeOwn},
			"r": {staffUp, privateOnly, scopeOwn}, "skip": {staffUp, privateOnly, scopeOwn},
			"v": {staffUp, privateOnly, scopeHousehold}, "e": {staffUp, privateOnly, scopeHousehold},
			"x": {staffUp, privateOnly, scopeHousehold}, "vis": {staffUp, privateOnly, scopeHousehold},
			"va": {staffUp, privateOnly, scopeHousehold}, "vt": {staffUp, privateOnly, scopeHousehold},
		}},
		{prefix: "vi:", run: a.visitButton, private: "visits.not_yours", verbs: verbs{
			"done": {anyRole, privateOnly, scopeVisit}, "tk": {anyRole, privateOnly, scopeVisit},
			"wish": {anyRole, privateOnly, scopeVisit}, "skip": {anyRole, privateOnly, scopeVisit},
		}},
		{prefix: "st:", run: a.starButton, refuse: "stars.staff_only", private: "menu.private_only", verbs: verbs{
			"o": {staffUp, privateOnly, scopeStars}, "od": {staffUp, privateOnly, scopeStars},
			"ov": {staffUp, privateOnly, scopeStars}, "oa": {staffUp, privateOnly, scopeStars},
			"oy": {staffUp, privateOnly, scopeStars}, "ox": {staffUp, privateOnly, scopeStars},
			"s": {staffUp, privateOnly, scopeStars}, "t": {staffUp, privateOnly, scopeStars},
			"n": {anyRole, privateOnly, scopeTakePart}, "w": {anyRole, privateOnly, scopeTakePart},
			"b": {anyRole, privateOnly, scopeTakePart}, "v": {anyRole, privateOnly, scopeTakePart},
			"c": {anyRole, privateOnly, scopeOwn},
		}},
		{prefix: "pl:", run: a.pledgeButton, private: "menu.private_only", verbs: verbs{
			"pub": {anyRole, privateOnly, scopeOwn}, "x": {anyRole, privateOnly, scopeOwn},
			"rk": {anyRole, privateOnly, scopeOwn},
			"d":  {anyRole, privateOnly, scopePledge}, "sr": {anyRole, privateOnly, scopePledge},
			"v": {anyRole, privateOnly, scopeNone}, "c": {anyRole, privateOnly, scopeManagePledges},
			"r": {anyRole, privateOnly, scopeRatePledge}, "rv": {anyRole, privateOnly, scopeRatePledge},
		}},
		{prefix: "sc:", run: a.scheduleButton, refuse: "error.stale_button", private: "error.stale_button", verbs: verbs{
			"new": {leaderUp, privateOnly, scopeNone},
			"v":   {leaderUp, privateOnly, scopeSchedule}, "p": {leaderUp, privateOnly, scopeSchedule},
			"r": {leaderUp, privateOnly, scopeSchedule}, "d": {leaderUp, privateOnly, scopeSchedule},
			"et": {leaderUp, privateOnly, scopeSchedule}, "ew": {leaderUp, privateOnly, scopeSchedule},
			"x": {leaderUp, privateOnly, scopeOwn}, "w": {leaderUp, privateOnly, scopeOwn},
			"h": {leaderUp, privateOnly, scopeOwn}, "a": {leaderUp, privateOnly, scopeOwn},
			"b": {leaderUp, privateOnly, scopeOwn}, "bd": {leaderUp, privateOnly, scopeOwn},
			"t": {leaderUp, privateOnly, scopeOwn}, "save0": {leaderUp, privateOnly, scopeOwn},
			"save1": {leaderUp, privateOnly, scopeOwn},
		}},
		{prefix: "mt:", run: a.meetingButton, refuse: "mt.not_yours", private: "error.stale_button", verbs: verbs{
			// Invitations are posted to linked groups too: Coming and
			// Can't come answer there, for the invited chat only.
			"y": {anyRole, anyChat, scopeInvited}, "n": {anyRole, anyChat, scopeInvited},
			"v":    {leaderUp, privateOnly, scopeViewMeeting},
			"post": {staffUp, privateOnly, scopeManageMeeting}, "rep": {staffUp, privateOnly, scopeManageMeeting},
			"cancel": {staffUp, privateOnly, scopeManageMeeting}, "min": {staffUp, privateOnly, scopeManageMeeting},
			"dec": {staffUp, privateOnly, scopeManageMeeting}, "tk": {staffUp, privateOnly, scopeManageMeeting},
			"jb": {staffUp, privateOnly, scopeManageMeeting},
			"x":  {staffUp, privateOnly, scopeOwn}, "pull": {staffUp, privateOnly, scopeOwn},
			"ad": {staffUp, privateOnly, scopeOwn}, "a": {staffUp, privateOnly, scopeOwn},
			"b": {staffUp, privateOnly, scopeOwn}, "bd": {staffUp, privateOnly, scopeOwn},
			"t": {staffUp, privateOnly, scopeOwn},
		}},
		{prefix: "md:", run: a.mediationButton, refuse: "mediation.move_refused", private: "mediation.group_refused", verbs: verbs{
			"tk":  {leaderUp, privateOnly, scopeMoveToMediation},
			"new": {anyRole, privateOnly, scopeMediate}, "l": {anyRole, privateOnly, scopeMediate},
			"o": {anyRole, privateOnly, scopeDispute}, "s": {anyRole, privateOnly, scopeDispute},
			"f": {anyRole, privateOnly, scopeDispute}, "oc": {anyRole, privateOnly, scopeDispute},
			"out": {anyRole, privateOnly, scopeDispute},
		}},
		{prefix: "xl:", run: a.excelButton, refuse: "error.forbidden", private: "error.forbidden", cmd: "/export", verbs: verbs{
			"*": {staffUp, privateOnly, scopeNone},
		}},
		{prefix: "pv:", run: a.privacyButton, private: "forget.private_only", verbs: verbs{
			"forget": {anyRole, privateOnly, scopeOwn}, "keep": {anyRole, privateOnly, scopeOwn},
		}},
		{prefix: "au:", run: a.auditButton, refuse: "audit.forbidden", private: "audit.forbidden", verbs: verbs{
			"*": {adminOnly, privateOnly, scopeAudit},
		}},
	}
}

// Menu is the command list for setMyCommands: commands usable at role, in
// private or in groups, in lang.
func (a *App) Menu(role storage.Role, group bool, lang string) []telegram.BotCommand {
	var out []telegram.BotCommand
	for _, c := range a.commandTable() {
		if c.menu == "" || c.rule.min.Rank() > role.Rank() || (group && c.rule.chats&inLinked == 0) {
			continue
		}
		if c.menu != listed && storage.Role(c.menu).Rank() > role.Rank() {
			continue
		}
		out = append(out, telegram.BotCommand{Command: c.name, Description: a.cat.T(lang, "cmd."+c.name)})
	}
	return out
}
